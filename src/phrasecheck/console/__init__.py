"""The review console (``phrasecheck serve``): calls, human review, rule quality, trainers and staff trends in a browser."""
