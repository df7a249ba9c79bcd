"""Test double of the SDK's generated API client package (only what the bridge relies on)."""
