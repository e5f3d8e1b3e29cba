# SPDX-License-Identifier: GPL-2.0
"""Plans: which stages a command runs, in which order, with which options.

A plan is plans/<command>.toml:

    description = "one line"
    [[stage]]
    name = "checkpatch"        # harness/stages/checkpatch.py runs it
    required = true            # optional: a failure stops the plan here
    options = { kernels = "series" }   # optional: the stage's options
                               # (./stlb.py NAME --help lists them)
    why = "one line"           # optional: why it is in this plan

The stage's module (harness/stages/<name with - as _>.py) says what runs
and how it is judged; the plan says only what runs when.
"""

import os
import tomllib
from dataclasses import dataclass, field

from . import exitcodes

PLANS = os.path.join(exitcodes.TOP, 'plans')
STAGE_KEYS = {'name', 'required', 'options', 'why'}


class PlanError(Exception):
    """A plan file that cannot be run as written (exit code USAGE)."""


@dataclass
class Stage:
    name: str
    required: bool = False
    options: dict = field(default_factory=dict)
    why: str = ''


@dataclass
class Plan:
    name: str
    path: str
    description: str
    stages: list


def names(plans_dir=PLANS):
    """The plans there are, by name."""
    return sorted(f[:-5] for f in os.listdir(plans_dir) if f.endswith('.toml'))


def load(name, plans_dir=PLANS, known_stages=None):
    """Read and check plans/<name>.toml; known_stages: the stage modules."""
    path = os.path.join(plans_dir, name + '.toml')
    if not os.path.exists(path):
        raise PlanError(f'no plan {name!r}: the plans are {", ".join(names(plans_dir))}')
    try:
        with open(path, 'rb') as f:
            data = tomllib.load(f)
    except tomllib.TOMLDecodeError as e:
        raise PlanError(f'{path}: {e}') from e
    unknown = set(data) - {'description', 'stage'}
    if unknown:
        raise PlanError(f'{path}: unknown key(s) {", ".join(sorted(unknown))}')
    stages = []
    seen = set()
    for i, s in enumerate(data.get('stage', []), 1):
        where = f'{path}: stage {i}'
        if 'name' not in s:
            raise PlanError(f'{where}: no name')
        unknown = set(s) - STAGE_KEYS
        if unknown:
            raise PlanError(f'{where} ({s["name"]}): unknown key(s) {", ".join(sorted(unknown))}')
        if s['name'] in seen:
            raise PlanError(f'{where}: {s["name"]} twice')
        if known_stages is not None and s['name'] not in known_stages:
            raise PlanError(f'{where}: no stage module for {s["name"]!r} '
                            f'(harness/stages/{s["name"].replace("-", "_")}.py)')
        options = s.get('options', {})
        if not isinstance(options, dict) or not all(isinstance(v, str) for v in options.values()):
            raise PlanError(f'{where} ({s["name"]}): options values must be strings')
        seen.add(s['name'])
        stages.append(Stage(s['name'], bool(s.get('required', False)), dict(options),
                            s.get('why', '')))
    if not stages:
        raise PlanError(f'{path}: no stage')
    return Plan(name, path, data.get('description', ''), stages)
