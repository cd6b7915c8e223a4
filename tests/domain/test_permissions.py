import pytest

from app.domain.permissions import MATRIX, Actor, Permission
from app.domain.vocab import Role
from app.errors import PermissionDenied


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("permission", list(Permission))
def test_require_follows_the_matrix(role, permission):
    actor = Actor(login="x", role=role)
    if permission in MATRIX[role]:
        actor.require(permission)
    else:
        with pytest.raises(PermissionDenied, match=role.label):
            actor.require(permission)


def test_the_rules_the_issue_names():
    guide, officer = Actor("g", Role.GUIDE), Actor("o", Role.OFFICER)
    assert not guide.can(Permission.REGISTER_DOSSIER) and not guide.can(Permission.CHANGE_DOSSIER)
    assert officer.can(Permission.REGISTER_DOSSIER) and not officer.can(Permission.MANAGE_USERS)
    assert Actor.system().can(Permission.MANAGE_USERS)
