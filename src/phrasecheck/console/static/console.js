// Selecting words in a turn fills the "add a missed finding" form with that turn and those words.
document.addEventListener("mouseup", () => {
  const selection = window.getSelection();
  const words = selection ? selection.toString().trim() : "";
  const node = selection && selection.anchorNode;
  const turn = node && (node.nodeType === 1 ? node : node.parentElement).closest("[data-turn]");
  const form = document.getElementById("add-form");
  if (!words || !turn || !form) return;
  form.elements.turn.value = turn.dataset.turn;
  form.elements.said.value = words;
});
