"""The configuration as a FastAPI dependency, derived from the one parameter declaration.

Its signature is built from ``PARAMETERS``, so the OpenAPI docs list every parameter with its
meaning, bounds and default; and a query name no route parameter declares gets a 422 naming
it (a typo such as ``stride=2`` must not silently draw the default stride): the routers
take ``known_names`` as a dependency.
"""

from __future__ import annotations

import inspect
from typing import Annotated, Any

from fastapi import Depends, Query, Request
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute

from app.core.parameters import MAX_TEXT, PARAMETERS, Parameter, check_names, describe
from app.core.params import Config

MAX_VALUE_LENGTH = MAX_TEXT


def _declared(dependant: Dependant) -> set[str]:
    names = {param.alias for param in dependant.query_params}
    for sub in dependant.dependencies:
        names |= _declared(sub)
    return names


def _route_names(route: APIRoute) -> list[str]:
    """Every query name the route declares, its dependencies' included: the configuration's
    in declaration order, then the route's own."""
    declared = _declared(route.dependant)
    ordered = [p.name for p in PARAMETERS if p.name in declared]
    return ordered + sorted(declared - set(ordered))


def known_names(request: Request) -> None:
    """A router dependency: a query name the route does not declare is a 422 naming it."""
    route = request.scope.get("route")
    accepted = _route_names(route) if isinstance(route, APIRoute) else []
    check_names(request.query_params.keys(), accepted, request.url.path)


def _config(**values: str | None) -> Config:
    return Config.from_query({name: value for name, value in values.items() if value})


def _query_parameter(parameter: Parameter) -> inspect.Parameter:
    annotation: Any = Annotated[
        str | None, Query(description=describe(parameter), max_length=parameter.max_length)
    ]
    return inspect.Parameter(
        parameter.name, inspect.Parameter.KEYWORD_ONLY, default=None, annotation=annotation
    )


_config.__signature__ = inspect.Signature(  # type: ignore[attr-defined]
    [
        *(_query_parameter(p) for p in PARAMETERS),
    ]
)

ConfigDep = Annotated[Config, Depends(_config)]
