"""Citizen ratings at the counter (issue 23 §1): asked by the desk (ask.py), shown and answered on
the counter's rating screen (screen.py, answering.py), against the office's criteria (criteria.py),
sent to the portal with the dossier's changes (portal.py)."""

from app.services.ratings.answering import answer, expire, no_answer, screen_actor
from app.services.ratings.ask import ask_in
from app.services.ratings.criteria import Criterion, criteria, criteria_labels
from app.services.ratings.screen import Prompt, Serving, prompt_for, serving

__all__ = ["Criterion", "Prompt", "Serving", "answer", "ask_in", "criteria", "criteria_labels", "expire",
           "no_answer", "prompt_for", "screen_actor", "serving"]
