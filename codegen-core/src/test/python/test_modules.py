"""The bridge's and the simulator's modules: one namespace each, joined into one file for the agent.

BridgeScripts (Java) joins a package's modules in the order of its modules.txt, and the package's
__init__.py runs them in that order: a name that two modules define would silently be the later one's.
"""
import ast
import os
import subprocess
import sys
import tempfile
import unittest

import codegen_bridge
import codegen_simulator

PACKAGES = (codegen_bridge, codegen_simulator)
LIMIT = 400


def modules(package):
    here = os.path.dirname(os.path.abspath(package.__file__))
    with open(os.path.join(here, "modules.txt"), encoding="utf-8") as listing:
        names = [line.strip() for line in listing if line.strip() and not line.startswith("#")]
    return [os.path.join(here, name) for name in names]


def defined(path):
    with open(path, encoding="utf-8") as source:
        tree = ast.parse(source.read(), path)
    names = set()
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, ast.Assign):
            for target in node.targets:
                for leaf in ast.walk(target):
                    if isinstance(leaf, ast.Name):
                        names.add(leaf.id)
    return names


def joined(package):
    """The one file, joined as BridgeScripts joins it."""
    parts = []
    for path in modules(package):
        with open(path, encoding="utf-8") as source:
            parts.append(source.read())
    return "\n\n".join(parts)


class ModulesTest(unittest.TestCase):
    def test_no_name_is_defined_by_two_modules(self):
        for package in PACKAGES:
            owners = {}
            for path in modules(package):
                for name in defined(path):
                    with self.subTest(package=package.__name__, name=name):
                        self.assertNotIn(name, owners, "%s and %s both define it" % (owners.get(name), path))
                    owners[name] = path

    def test_every_module_is_listed_and_none_is_long(self):
        for package in PACKAGES:
            here = os.path.dirname(os.path.abspath(package.__file__))
            listed = {os.path.basename(path) for path in modules(package)}
            present = {name for name in os.listdir(here) if name.endswith(".py")} - {"__init__.py", "__main__.py"}
            self.assertEqual(present, listed, package.__name__)
            for path in modules(package):
                with open(path, encoding="utf-8") as source:
                    self.assertLessEqual(len(source.read().splitlines()), LIMIT, path)

    def test_the_joined_file_is_the_package(self):
        folder = tempfile.mkdtemp()
        self.addCleanup(__import__("shutil").rmtree, folder)
        for package in PACKAGES:
            with open(os.path.join(folder, package.__name__ + ".py"), "w", encoding="utf-8") as out:
                out.write(joined(package))
        code = ("import sys; sys.path.insert(0, sys.argv[1]); import codegen_bridge, codegen_simulator; "
                "print(sorted(n for n in dir(codegen_bridge) if not n.startswith('__'))); "
                "print(sorted(n for n in dir(codegen_simulator) if not n.startswith('__')))")
        out = subprocess.run([sys.executable, "-I", "-S", "-c", code, folder], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, timeout=30, check=True).stdout.decode().splitlines()
        for package, line in zip(PACKAGES, out):
            names = sorted(n for n in dir(package) if not n.startswith("__") and n != "_run_modules")
            self.assertEqual(repr(names), line, package.__name__)
        usage = subprocess.run([sys.executable, "-I", "-S", os.path.join(folder, "codegen_simulator.py"), "--help"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=30)
        self.assertEqual(0, usage.returncode, usage.stderr)


if __name__ == "__main__":
    unittest.main()
