"""The console's pages. Each takes a :class:`View` (the request's store, language, reviewer, query) and
returns a template name and its context, or a redirect. They run in worker threads, one store
connection each."""

from __future__ import annotations

import datetime as dt
import re
import threading
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from starlette.responses import RedirectResponse

from ..batch.html_report import bars_svg, histogram_svg
from ..batch.reviews import Action, ReviewError, current, record, rule_quality, scripts_bands, trail, violations_of
from ..batch.store import Scope, Store
from ..batch.summary import grade_order, histogram, summarize
from ..scoring.catalogue import Catalogue
from ..scoring.grade import NOT_APPLICABLE, Bands
from . import charts
from .queries import CallFilter, call_page, choices, store_version, stored_call
from .transcript import ShownFinding, annotated, breakdown
from .words import word

#: Where the page goes back to after a review: an element id of the call page.
_ANCHOR = re.compile(r"[\w-]{1,40}")


class Context:
    """What every request shares: the store's path, and the configuration's scripts, rules and scorer,
    each loaded once, on first use."""

    def __init__(self, db: Path, config: Path | None):
        self.db, self.config_path = db, config
        self._lock = threading.RLock()
        self._loaded: dict[str, Any] = {}

    def _once(self, name: str, load):
        with self._lock:
            if name not in self._loaded:
                self._loaded[name] = load()
            return self._loaded[name]

    @property
    def engine(self):
        """The rules and scripts of the configuration (:class:`phrasecheck.api.Engine`), loaded on first use."""
        from ..api import Engine

        return self._once("engine", lambda: Engine.from_config(self.config_path))

    @property
    def config(self):
        return self.engine.config

    @property
    def scripts(self) -> dict:
        from ..scoring.scripts import load_scripts

        return self._once("scripts", lambda: load_scripts(self.config.scripts))

    @property
    def words(self) -> Catalogue:
        """The words of every rule and script step, to show stored findings in the reader's language."""
        return self._once("words", lambda: Catalogue(self.lexicon, self.scripts.values()))

    @property
    def scorer(self):
        """The scorer, for trainers (built on first use: a few seconds)."""
        return self.engine.scorer

    def bands_of(self, script: str | None) -> Bands:
        """The grade bands a call scored with ``script`` was graded by."""
        grades = self.config.grades
        return scripts_bands(self.scripts, Bands.from_mapping(grades) if grades else None)(script)

    def grades(self) -> list[str]:
        """Every grade a call can have, best first, not applicable last."""
        names = [band.name for name in self.scripts for band in self.bands_of(name).bands]
        return list(dict.fromkeys([*names, NOT_APPLICABLE.band.name]))

    def failing_grades(self) -> tuple[str, ...]:
        """The lowest band of every script: the grades "failing only" shows."""
        return tuple(sorted({self.bands_of(name).bands[-1].name for name in self.scripts}))

    def cached(self, name: str, version: tuple, compute):
        """``compute()``, again only when the store's ``version`` changed (summaries of 200,000 calls take seconds)."""
        with self._lock:
            kept = self._loaded.get(name)
        if kept and kept[0] == version:
            return kept[1]
        value = compute()
        with self._lock:
            self._loaded[name] = (version, value)
        return value

    def rules(self) -> list:
        """The rules a reviewer can name for a missed finding: prohibited expressions and wordings to avoid."""
        return [rule for kind in ("prohibited", "informal") for rule in self.lexicon.of_kind(kind)]

    @property
    def lexicon(self):
        """The configured rules, loaded on first use (without compiling them for matching)."""
        return self._once("lexicon", self.config.lexicon)


@dataclass(slots=True)
class View:
    """One request as a page sees it."""

    context: Context
    lang: str
    reviewer: str
    query: dict[str, str]
    params: dict[str, Any]
    session: Any
    store: Store | None = None


def run(page, view: View, *arguments):
    """Run ``page`` with the store open for this request only."""
    with Store(view.context.db) as store:
        view.store = store
        return page(view, *arguments)


def calls(view: View):
    chosen = CallFilter.of(view.query)
    found = call_page(view.store, chosen, view.context.failing_grades())
    view.session["list"] = "/calls" + chosen.link(page=chosen.page)
    listed = view.context.cached("choices", store_version(view.store), lambda: choices(
        view.store, view.context.grades(), sorted({script.channel for script in view.context.scripts.values()})))
    return "calls.html", {"filter": chosen, "page": found, "choices": listed,
                          "sorts": ["date", "date_asc", "score", "score_desc", "staff"]}


def call(view: View):
    stored = stored_call(view.store, view.params["call_id"])
    if stored is None:
        return "error.html", {"message": word("not_found", view.lang), "status": 404}
    card, bands_of = stored.card, view.context.bands_of
    reviewed = current(view.store, stored.path, stored.ordinal, card, bands_of)
    shown = view.context.words.card(card, view.lang)
    findings = [ShownFinding.of(f) for f in shown["findings"]]
    return "call.html", {
        "call": stored, "card": shown, "reviewed": reviewed, "turns": annotated(card, findings, view.lang),
        "breakdown": breakdown(shown), "trail": trail(view.store, stored.path, stored.ordinal),
        "violations": violations_of(shown), "rules": view.context.rules(),
        "category_of": lambda rule: view.context.words.category(rule, view.lang),
        "grades": [band.name for band in bands_of(card.get("script")).bands],
        "back": view.session.get("list", "/calls"),
    }


def review(view: View, form: dict):
    stored = stored_call(view.store, view.params["call_id"])
    if stored is None:
        return "error.html", {"message": word("not_found", view.lang), "status": 404}
    try:
        action = _action(form, view, stored.card)
        record(view.store, stored.path, stored.ordinal, action, view.context.bands_of)
        view.session["flash"] = {"ok": True, "text": word("recorded", view.lang)}
    except (ReviewError, ValueError) as error:
        view.session["flash"] = {"ok": False, "text": str(error)}
    anchor = str(form.get("anchor", ""))
    return RedirectResponse(f"/calls/{stored.id}#{anchor if _ANCHOR.fullmatch(anchor) else 'review'}", 303)


def _action(form: dict, view: View, card: dict) -> Action:
    """The reviewer's action from the form's fields (a missed finding's span from the words said in the turn)."""
    kind, reason = str(form.get("action", "")), str(form.get("reason", ""))
    if kind in ("confirm", "reject"):
        return Action(kind, view.reviewer, reason, finding=str(form.get("finding", "")))
    if kind == "override":
        return Action(kind, view.reviewer, reason, score=_number(form.get("score")), grade=str(form.get("grade", "")) or None)
    turn = int(form.get("turn", -1))
    said = str(form.get("said", ""))
    text = card["turns"][turn]["text"] if 0 <= turn < len(card["turns"]) else ""
    start = text.find(said) if said else -1
    if start < 0:
        raise ReviewError(f"这一句中没有“{said}” / turn {turn + 1} does not contain “{said}”")
    rule = str(form.get("rule", ""))
    points = _number(form.get("points"))
    return Action("add", view.reviewer, reason, rule=rule, turn=turn, start=start, end=start + len(said),
                  points=_default_points(view, card, rule) if points is None else points)


def _number(value) -> float | None:
    """A score or points field: empty is None; anything else must be a number."""
    text = str(value or "").strip()
    try:
        return float(text) if text else None
    except ValueError:
        raise ReviewError(f"“{text}”不是数字 / “{text}” is not a number") from None


def _default_points(view: View, card: dict, rule_id: str) -> float:
    """What the call's script deducts for a prohibited expression of the rule's severity (5 when it says nothing)."""
    rule = next((r for r in view.context.rules() if r.id == rule_id), None)
    script = view.context.scripts.get(card.get("script"))
    deductions = next((item.deductions for item in script.items if item.deductions), {}) if script else {}
    return float(deductions.get(rule.severity, 5)) if rule else 5.0


def rules(view: View):
    return "rules.html", {"rules": rule_quality(view.store)}


def staff(view: View):
    summaries = view.context.cached(f"staff-{view.lang}", store_version(view.store),
                                    lambda: _staff_summaries(view.store, view.context.words, view.lang))
    groups, months, grades, bins = summaries
    return "staff.html", {
        "groups": groups, "grades": grades,
        "histogram": charts.markup(histogram_svg(bins, view.lang)),
        "trend": charts.markup(charts.trend(months, view.lang)),
        "bars": charts.markup(bars_svg(groups, "staff", word("staff_bars", view.lang), view.lang)),
    }


def _staff_summaries(store: Store, words: Catalogue, lang: str) -> tuple:
    scope, name = Scope(), words.namer(lang)
    return (summarize(store, "staff", scope, name=name), summarize(store, "month", scope, name=name),
            grade_order(store, scope), histogram(store, scope))


def one_staff(view: View):
    member = view.params["staff"]
    scope = Scope(staff=member)
    name = view.context.words.namer(view.lang)
    months = summarize(view.store, "month", scope, top=5, name=name)
    overall = summarize(view.store, "all", scope, top=8, name=name)
    recent = call_page(view.store, CallFilter(staff=member), view.context.failing_grades())
    return "one_staff.html", {"member": member, "months": months, "overall": overall[0] if overall else None,
                              "trend": charts.markup(charts.trend(months, view.lang)), "recent": recent,
                              "list_link": "/calls?staff=" + quote(member)}


def trainer_page(view: View):
    return "trainer.html", {"cards": [], "problems": [], "trainee": ""}


def trainer(view: View, form: dict):
    """Score a pasted or uploaded transcript; with a trainee id the calls go into the store as their history."""
    from ..report.html import exchange_html
    from .training import read_upload, save_training

    trainee = str(form.get("trainee", "")).strip()[:100]
    exchanges, problems = read_upload(form.get("text", ""), form.get("file"), trainee, view.context.engine.read_options)
    scorer = view.context.scorer
    cards = [scorer.score(exchange) for exchange in exchanges]
    if trainee and cards:
        save_training(view.store, scorer, cards, f"trainer:{trainee}:{uuid.uuid4().hex}", dt.date.today(), view.lang)
    fragments = [charts.markup(exchange_html(card, view.lang)) for card in cards]
    return "trainer.html", {"cards": fragments, "problems": problems or ([] if cards else [word("nothing_to_score", view.lang)]),
                            "trainee": trainee}

