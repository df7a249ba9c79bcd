"""The modules of the one file codegen_simulator.py, as a package for tests and for reading.

They share one namespace, as they do in that file (BridgeScripts joins them in the order modules.txt
gives): this package runs them in that order into its own namespace, so that `import codegen_simulator` from
this folder has the same names as the file the agent runs.
"""


def _run_modules(namespace):
    import os
    here = os.path.dirname(os.path.abspath(namespace["__file__"]))
    with open(os.path.join(here, "modules.txt"), encoding="utf-8") as listing:
        names = [line.strip() for line in listing if line.strip() and not line.startswith("#")]
    for name in names:
        path = os.path.join(here, name)
        with open(path, encoding="utf-8") as source:
            exec(compile(source.read(), path, "exec"), namespace)


_run_modules(globals())
