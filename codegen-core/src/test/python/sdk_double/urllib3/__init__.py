"""Test double of the urllib3 exceptions the SDK lets through (class names are what matter)."""
