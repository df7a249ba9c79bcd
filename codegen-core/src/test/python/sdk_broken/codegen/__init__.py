"""A broken SDK installation: the package is there, one of its dependencies is not."""
import typer_is_not_installed_here  # noqa: F401
