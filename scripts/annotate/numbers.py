"""The one list of number words, shared by the date rules and the figure rules.

English cardinals as news copy spells them: the words below twenty, the tens, and
hyphenated compounds of a ten and a unit ("thirty-two"). Larger numbers are written
in digits in news copy, so they are not listed.
"""

from __future__ import annotations

ONES = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
        "nineteen")
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
        "eighty": 80, "ninety": 90}
UNITS = ONES[1:10]                       # what may follow a ten after a hyphen


def pattern() -> str:
    """A regular expression for one number word or hyphenated compound (lower case)."""
    return (rf"(?:(?:{'|'.join(TENS)})(?:-(?:{'|'.join(UNITS)}))?|"
            rf"{'|'.join(sorted(ONES[1:], key=len, reverse=True))})")


def value(word: str) -> int | None:
    """The value of a number word or compound ("one", "thirty-two"); None if it is not one."""
    word = word.lower()
    if word in ONES:
        return ONES.index(word)
    tens, _, unit = word.partition("-")
    if tens in TENS and (not unit or unit in UNITS):
        return TENS[tens] + (ONES.index(unit) if unit else 0)
    return None
