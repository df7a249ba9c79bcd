package io.jenkins.plugins.codegen.fix;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code owner/name} of a repository, read from the remote URL a build checked out (Jenkins'
 * {@code GIT_URL}) in the forms git accepts: {@code https://github.com/acme/webapp.git},
 * {@code https://user:password@host/acme/webapp}, {@code ssh://git@host:22/acme/webapp.git},
 * {@code git@host:acme/webapp.git}, {@code git://host/acme/webapp}, or {@code acme/webapp}
 * itself. The owner and name are the path's last two segments, whatever the host; credentials in
 * the URL are never part of the result.
 */
public final class GitRemote {
    private static final Pattern URL = Pattern.compile("(?i)(?:https?|ssh|git|git\\+ssh)://(?:[^@/]*@)?[^/]+/(.+)");
    private static final Pattern SCP = Pattern.compile("(?:[^@/:\\s]+@)?[A-Za-z0-9.-]+:(?!/)(.+)");
    private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9._-]{1,100}");

    private GitRemote() {
    }

    /** {@code owner/name}, or empty when {@code remote} is no repository URL this class understands. */
    public static Optional<String> ownerAndName(String remote) {
        if (remote == null || remote.isBlank()) {
            return Optional.empty();
        }
        String text = remote.strip();
        Matcher url = URL.matcher(text);
        Matcher scp = SCP.matcher(text);
        String path = url.matches() ? url.group(1) : scp.matches() ? scp.group(1) : text;
        path = path.replaceAll("/+$", "").replaceAll("(?i)\\.git$", "");
        String[] segments = path.split("/");
        if (segments.length < 2 || (!url.matches() && !scp.matches() && segments.length != 2)) {
            return Optional.empty();
        }
        String owner = segments[segments.length - 2];
        String name = segments[segments.length - 1];
        if (!valid(owner) || !valid(name)) {
            return Optional.empty();
        }
        return Optional.of(owner + "/" + name);
    }

    private static boolean valid(String segment) {
        return SEGMENT.matcher(segment).matches() && !segment.matches("\\.{1,2}");
    }
}
