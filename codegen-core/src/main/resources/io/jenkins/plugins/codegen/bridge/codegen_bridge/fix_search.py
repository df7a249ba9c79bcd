# Part of codegen_bridge (modules.txt): the search for the run an earlier attempt of this task created (by its tag).
class _EarlierRunSearch:
    def _find_earlier_run(self, creator):
        """After a create whose outcome was unknown: the run it made, found by its tag, or None."""
        request = self.request
        if not creator.can_tag or not request.client_request_id:
            raise BridgeError("validation", "cannot tell whether the earlier attempt created an agent run: this "
                                            "backend does not tag runs", phase="lookup", retryable=False,
                              create_outcome=UNKNOWN,
                              guidance="Check %s for a new run before running again." % RUNS_PAGE_URL)
        for attempt in range(2 if request.lookup_grace > 0 else 1):
            found = self._search_tag(request.client_request_id)
            if found is not None:
                return self._adopt_run(found, "found")
            if attempt == 0 and request.lookup_grace > 0:
                # The earlier request may still be in the server's hands; give it a moment to land.
                self.clock.sleep(min(request.lookup_grace, self._remaining()))
        self.events.emit("lookup", found=False, client_request_id=request.client_request_id)
        return None

    def _search_tag(self, tag):
        """The run carrying the tag among the organization's runs, newest first. With a lookup_window the
        search pages back until the runs are older than it (the tag may be days old: a fix's); without one,
        the run was made moments ago and is among the newest LOOKUP_PAGES pages."""
        window = self.request.lookup_window
        cutoff = None if window is None else time.time() - window - LOOKUP_CLOCK_SKEW
        skip = 0
        for pages in range(1, MAX_LOOKUP_PAGES + 1):
            page = self._patiently(lambda: self.api.list_runs(skip), None)
            items = [run for run in page.get("items") or [] if isinstance(run, dict)]
            for run in items:
                metadata = run.get("metadata")
                if isinstance(metadata, dict) and metadata.get("client_request_id") == tag:
                    return run
            skip += len(items)
            if not items or skip >= int(page.get("total") or 0):
                return None
            if cutoff is None:
                if pages >= LOOKUP_PAGES:
                    return None
                continue
            oldest = _epoch_seconds(items[-1].get("created_at"))
            if oldest is not None and oldest < cutoff:
                return None
            if oldest is None and pages >= LOOKUP_PAGES_UNDATED:
                return None  # the runs carry no time to bound the search by
        return None
