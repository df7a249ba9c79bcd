package io.jenkins.plugins.codegen.integrator;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * Which URLs from the Codegen API may become links on a page. A pull request URL or an agent run's
 * page comes from a remote service; a {@code javascript:} or {@code data:} URL in a link would run
 * in the viewer's browser. Only absolute {@code http} and {@code https} URLs with a host qualify;
 * anything else is shown as text.
 */
public final class SafeLinks {
    /** The page with all of an organization's agent runs: where to look when a run's own page is not known. */
    public static final String RUNS_PAGE_URL = "https://codegen.com/agents";

    private SafeLinks() {
    }

    /** The URL, if it is an absolute http(s) URL with a host; empty otherwise (also for null). */
    public static Optional<String> http(String url) {
        if (url == null || url.isEmpty() || !url.equals(url.strip())) {
            return Optional.empty();
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || uri.isOpaque()) {
            return Optional.empty();
        }
        return Optional.of(url);
    }
}
