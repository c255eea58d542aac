"""The invitation link a facilitator pastes into the cockpit."""

import pytest

from workshop.domain.creation import InvalidInput
from workshop.domain.invitation import parse_invitation


@pytest.mark.parametrize("pasted", [
    "https://entajos.example/?invite=ABCD2345&key=s3cr3t-Key_x",
    "  https://entajos.example/?key=s3cr3t-Key_x&invite=abcd2345\n",
    "entajos.example/?invite=ABCD2345&key=s3cr3t-Key_x&lang=fi",
    "invite=ABCD2345&key=s3cr3t-Key_x",
])
def test_a_pasted_invitation_gives_code_and_key(pasted):
    assert parse_invitation(pasted) == ("ABCD2345", "s3cr3t-Key_x")


@pytest.mark.parametrize("pasted", [
    None, 42, "", "   ", "https://entajos.example/", "https://entajos.example/?invite=ABCD2345",
    "https://entajos.example/?key=x", "https://entajos.example/?invite=AB%3CCD&key=x",
    "https://entajos.example/?invite=ABCD2345&key=" + "x" * 600,
])
def test_anything_else_is_unreadable(pasted):
    with pytest.raises(InvalidInput) as refused:
        parse_invitation(pasted)
    assert refused.value.key == "portfolio_ui.invitation_unreadable"
