package io.jenkins.plugins.codegen.overview;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The tasks and fixes of a scope (a folder, or the whole controller) over the last 7 and 30 days:
 * the scope's figures, and one row per folder below it that had any, where a folder counts
 * everything in its subfolders too. Samples outside the scope or older than the longest window are
 * left out.
 */
public final class Overview {
    private final String scope;
    private final Map<Window, Figures> whole;
    private final List<FolderRow> folders;

    private Overview(String scope, Map<Window, Figures> whole, List<FolderRow> folders) {
        this.scope = scope;
        this.whole = whole;
        this.folders = folders;
    }

    /** One folder's figures in each window. */
    public record FolderRow(String folder, Map<Window, Figures> figures) {
        public Figures in(Window window) {
            return figures.get(window);
        }
    }

    /**
     * @param scope a folder's full name, or empty for the whole controller
     * @param now the end of every window
     */
    public static Overview of(String scope, Collection<TaskSample> samples, Instant now) {
        List<TaskSample> inScope = new ArrayList<>();
        TreeSet<String> folderNames = new TreeSet<>();
        for (TaskSample sample : samples) {
            if (sample.within(scope) && Window.longest().contains(sample.started(), now)) {
                inScope.add(sample);
                for (String folder = sample.folder(); isBelow(folder, scope); folder = parentOf(folder)) {
                    folderNames.add(folder);
                }
            }
        }
        List<FolderRow> rows = new ArrayList<>();
        for (String folder : folderNames) {
            rows.add(new FolderRow(folder, byWindow(inScope.stream().filter(s -> s.within(folder)).toList(), now)));
        }
        return new Overview(scope, byWindow(inScope, now), List.copyOf(rows));
    }

    private static Map<Window, Figures> byWindow(List<TaskSample> samples, Instant now) {
        Map<Window, Figures> figures = new EnumMap<>(Window.class);
        for (Window window : Window.values()) {
            figures.put(window, Figures.of(samples.stream().filter(s -> window.contains(s.started(), now)).toList()));
        }
        return Map.copyOf(figures);
    }

    private static boolean isBelow(String folder, String scope) {
        return !folder.isEmpty() && !folder.equals(scope) && (scope.isEmpty() || folder.startsWith(scope + "/"));
    }

    private static String parentOf(String folder) {
        int slash = folder.lastIndexOf('/');
        return slash < 0 ? "" : folder.substring(0, slash);
    }

    /** The folder's full name, empty for the whole controller. */
    public String scope() {
        return scope;
    }

    /** Everything in the scope, its subfolders included. */
    public Figures whole(Window window) {
        return whole.get(window);
    }

    /** One row per folder below the scope that had tasks or fixes in the longest window, by name. */
    public List<FolderRow> folders() {
        return folders;
    }
}
