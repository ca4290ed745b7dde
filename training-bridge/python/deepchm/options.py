"""The trainer's command-line options as JSON (name, type, default, help, choices): the one
definition (deepchm.train.build_parser) that the Java launcher, `karyo train` and the Training pane
are built from. The Java side reads the committed copy; after changing an option, regenerate it:

    cd training-bridge/python
    /usr/bin/python3 -m deepchm.options > ../src/main/resources/org/karyo/trainingbridge/trainer-options.json

TestTrainerOptionsParity fails while the copy and this output differ.
"""
import argparse
import json
import sys

from .train import build_parser

_TYPES = {int: "int", float: "float", str: "string"}


def describe(parser):
    """One dict per option of an argparse parser (help and positional-free parsers only)."""
    out = []
    for action in parser._actions:  # argparse has no public accessor for its actions
        if isinstance(action, argparse._HelpAction) or not action.option_strings:
            continue
        if isinstance(action, (argparse._StoreTrueAction, argparse._StoreFalseAction)):
            kind = "flag"
        elif action.choices is not None:
            kind = "choice"
        elif hasattr(action.type, "kind"):  # the trainer's checked types name their kind
            kind = action.type.kind
        else:
            kind = _TYPES.get(action.type, "string" if action.type is None else "list")
        default = action.default
        if isinstance(default, tuple):
            default = list(default)
        out.append({
            "name": max(action.option_strings, key=len),
            "type": kind,
            "default": default,
            "required": bool(action.required),
            "choices": sorted(action.choices) if action.choices is not None else None,
            "metavar": action.metavar,
            "help": action.help or "",
        })
    return out


def main(argv=None):
    argparse.ArgumentParser(prog="deepchm.options", description=__doc__.splitlines()[0]).parse_args(argv)
    json.dump({"trainer": "deepchm.train", "options": describe(build_parser())}, sys.stdout, indent=1)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
