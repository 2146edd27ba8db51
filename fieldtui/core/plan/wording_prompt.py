"""Every wording rule on one prompt, the lexicon's literals looked for once.

A prompt is read by seven rules and some twenty patterns. The lexicon's `Literals` finds, in
one pass, which patterns could match the prompt at all (one of their literals is in it); a
rule none of whose patterns could match finds nothing, so it is not run, and the patterns of
the rules that do run look their answer up instead of testing their literals again. Exact by
construction (the hits are the rules' own), rule by rule:

- vague, leading, absolute: one pattern each, on the whole prompt; run only where it may
  match (for most patterns that is asked without making match objects).
- double negative: negations counted in each clause. A clause is a piece of the prompt and,
  with no negator exception in the prompt, is read as it is: no negation in the prompt, none
  in a clause.
- double-barrelled: two question marks, an evaluative pair, "both", or a conjunction (after
  the conjunction exceptions are blanked out; with none of those, the prompt is read as it is).
- ambiguous referent: an opener among the first words, an ending, or a third-person pronoun.
- too long: counts words; always run.
"""

from __future__ import annotations

from fieldtui.core.plan import wording
from fieldtui.core.plan.wording import Hit, Lexicon


def prompt_hits(text: str, lex: Lexicon, *, judged: bool = False) -> list[Hit]:
    """The hits of every prompt rule, in the rules' order (see the module docstring)."""
    plain = wording.normal(text)
    bits = lex.literals.read(plain)
    hits: list[Hit] = []
    if bits & lex.vague_prompt.bit and lex.vague_prompt.may_match(plain):
        hits += wording.vague(text, lex)
    if bits & (lex.eval_pair.bit | lex.both.bit | lex.conjunction.bit | lex.conj_exceptions.bit) \
            or plain.count("?") + plain.count("？") >= 2:
        hits += wording.double_barrelled(text, lex, judged=judged)
    if bits & lex.leading.bit and lex.leading.may_match(plain):
        hits += wording.leading(text, lex)
    if bits & (lex.negation.bit | lex.negator_exceptions.bit):
        hits += wording.double_negative(text, lex)
    if bits & lex.absolute.bit and lex.absolute.may_match(plain):
        hits += wording.absolute(text, lex)
    if bits & (lex.openers.bit | lex.endings.bit | lex.third_person.bit):
        hits += wording.ambiguous_referent(text, lex)
    hits += wording.too_long(text, lex)
    return hits
