"""The one-time invitation link a facilitator pastes into the cockpit."""

import pytest

from workshop.domain.creation import InvalidInput
from workshop.domain.invitation import parse_invitation
from workshop.domain.openers import opener_path
from workshop.domain.vocabulary import Opener


@pytest.mark.parametrize("pasted", [
    "https://entajos.example/?invite=ABCD2345&open=s3cr3t-Key_x",
    "  https://entajos.example/?open=s3cr3t-Key_x&invite=abcd2345\n",
    "entajos.example/?invite=ABCD2345&open=s3cr3t-Key_x&lang=fi",
    "invite=ABCD2345&open=s3cr3t-Key_x",
    "https://entajos.example" + opener_path(Opener.INVITATION, "ABCD2345", "s3cr3t-Key_x"),
])
def test_a_pasted_invitation_gives_code_and_opener(pasted):
    assert parse_invitation(pasted) == ("ABCD2345", "s3cr3t-Key_x")


@pytest.mark.parametrize("pasted", [
    None, 42, "", "   ", "https://entajos.example/", "https://entajos.example/?invite=ABCD2345",
    "https://entajos.example/?open=x", "https://entajos.example/?invite=AB%3CCD&open=x",
    "https://entajos.example/?invite=ABCD2345&open=" + "x" * 600,
    # A link with a key in it, as they were made before one-time links: not an invitation any more.
    "https://entajos.example/?invite=ABCD2345&key=s3cr3t-Key_x",
])
def test_anything_else_is_unreadable(pasted):
    with pytest.raises(InvalidInput) as refused:
        parse_invitation(pasted)
    assert refused.value.key == "portfolio_ui.invitation_unreadable"
