package io.jenkins.plugins.codegen.autofix;

import io.jenkins.plugins.codegen.store.JsonStateFile;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The automatic fixes of failed builds: at most {@link AutoFixLimits#maxRunning()} at once, at most
 * {@link AutoFixLimits#maxWaiting()} waiting, first come first served, and durable.
 *
 * <p>The life of a fix: {@link #submit} saves it as pending (and hands it out at once when a slot
 * is free); the caller saves its run tag with {@link #started} <em>before</em> launching the bridge;
 * {@link #finished} removes it and hands out the next waiting ones. Each fix is handed out to start
 * once per process. After a restart {@link #recover} hands out, once, the fixes that were started
 * (to resume with their tag, which finds their agent run instead of creating another) and the
 * pending ones that fit; so a restart at any moment neither loses a fix nor starts one twice.
 *
 * <p>A queue file that cannot be read is set aside and the queue starts empty: the fixes it held are
 * not picked up, since some of them may have started, and a fix missed is better than a fix twice.
 */
public final class AutoFixQueue {
    /** Hand-outs (a start, then each resume after a restart) after which a fix that never finished is given up. */
    public static final int MAX_STARTS = 3;
    private static final Logger LOGGER = Logger.getLogger(AutoFixQueue.class.getName());

    private final Clock clock;
    private final JsonStateFile<QueueState> file;
    private final Map<String, AutoFixEntry> entries = new LinkedHashMap<>();
    /** Fixes handed out to the caller by this process: theirs to run, never handed out again. */
    private final Set<String> handedOut = new HashSet<>();
    private AutoFixLimits limits;
    private boolean recovered;
    private String problem;

    private AutoFixQueue(AutoFixLimits limits, Clock clock, JsonStateFile<QueueState> file) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.file = file;
    }

    public static AutoFixQueue inMemory(AutoFixLimits limits, Clock clock) {
        return new AutoFixQueue(limits, clock, null);
    }

    /** The queue saved in {@code path}; call {@link #recover} once before anything else. */
    public static AutoFixQueue open(Path path, AutoFixLimits limits, Clock clock) {
        AutoFixQueue queue = new AutoFixQueue(limits, clock, new JsonStateFile<>(path, QueueState.class));
        JsonStateFile.Loaded<QueueState> loaded = queue.file.load(clock.instant());
        if (loaded instanceof JsonStateFile.Loaded.Read<QueueState> read) {
            read.value().entries().forEach(entry -> queue.entries.put(entry.id(), entry));
        } else if (loaded instanceof JsonStateFile.Loaded.Corrupt<QueueState> corrupt) {
            queue.problem = "The automatic fix queue file " + queue.file.path() + " " + corrupt.problem()
                    + corrupt.setAside().map(aside -> "; it was set aside as " + aside).orElse("")
                    + ". The fixes it held are not picked up, so that none starts twice.";
            LOGGER.log(Level.SEVERE, queue.problem);
        }
        return queue;
    }

    /** New limits from the configuration; they apply to the next hand-out. */
    public synchronized void setLimits(AutoFixLimits newLimits) {
        this.limits = Objects.requireNonNull(newLimits, "limits");
    }

    /** Queues the fix of a failed build, saved before this returns. */
    public synchronized Admission submit(String job, int build) {
        AutoFixEntry known = entries.get(AutoFixEntry.id(job, build));
        if (known != null) {
            return new Admission.AlreadyQueued(known);
        }
        AutoFixEntry entry = new AutoFixEntry(job, build, clock.millis(), AutoFixEntry.State.PENDING, null, 0);
        int running = running().size();
        int waiting = waiting().size();
        boolean startNow = running < limits.maxRunning() && waiting == 0;
        if (!startNow && waiting >= limits.maxWaiting()) {
            return new Admission.Refused(job, build, running + (running == 1 ? " fix is" : " fixes are") + " running and "
                    + waiting + " waiting, the most the settings allow (" + limits.maxRunning() + " running, "
                    + limits.maxWaiting() + " waiting).");
        }
        AutoFixEntry stored = startNow ? entry.handedOut() : entry;
        entries.put(stored.id(), stored);
        try {
            save();
        } catch (IOException e) {
            entries.remove(stored.id());
            return new Admission.Refused(job, build, "the queue file " + file.path() + " could not be saved (" + e
                    + "), and a fix that is not saved could be lost or started twice by a restart.");
        }
        if (startNow) {
            handedOut.add(stored.id());
            return new Admission.Start(stored);
        }
        return new Admission.Queued(stored, waiting + 1, running);
    }

    /**
     * Records that the fix's bridge is about to be launched with this run tag. Call it before the
     * launch: a restart after it resumes the fix with the tag, which finds the agent run.
     *
     * @throws IOException when it could not be saved: do not launch, call {@link #finished}
     */
    public synchronized void started(String id, String runTag) throws IOException {
        AutoFixEntry entry = entries.get(id);
        if (entry == null || !handedOut.contains(id)) {
            throw new IllegalStateException("the fix " + id + " was not handed out to start");
        }
        entries.put(id, entry.started(runTag));
        try {
            save();
        } catch (IOException e) {
            entries.put(id, entry);
            throw e;
        }
    }

    /**
     * The fix ended, however it ended; it leaves the queue.
     *
     * @return the waiting fixes that now have a slot: start each
     */
    public synchronized List<AutoFixEntry> finished(String id) {
        entries.remove(id);
        handedOut.remove(id);
        return promote();
    }

    /** Drops a fix that waits (its build was deleted, say); one that was handed out is the caller's to finish. */
    public synchronized boolean cancel(String id) {
        if (handedOut.contains(id) || entries.remove(id) == null) {
            return false;
        }
        saveOrLog();
        return true;
    }

    /** Once, when the controller starts: the fixes to resume and to start. Later calls return nothing. */
    public synchronized Recovery recover() {
        if (recovered) {
            return new Recovery(List.of(), List.of(), List.of(), Optional.empty());
        }
        recovered = true;
        List<AutoFixEntry> resume = new ArrayList<>();
        List<String> givenUp = new ArrayList<>();
        for (AutoFixEntry entry : List.copyOf(entries.values())) {
            if (entry.starts() >= MAX_STARTS) {
                entries.remove(entry.id());
                givenUp.add("Codegen automatic fix of " + entry.id() + " given up: it was started " + entry.starts()
                        + " times and never finished (the controller stopped each time)."
                        + (entry.runTag() == null ? "" : " Its agent run, tagged " + entry.runTag()
                        + ", may exist at Codegen."));
            } else if (entry.state() == AutoFixEntry.State.STARTED) {
                AutoFixEntry out = entry.handedOut();
                entries.put(out.id(), out);
                handedOut.add(out.id());
                resume.add(out);
            }
        }
        // promote() saves: the hand-outs and the fixes given up alike.
        return new Recovery(resume, promote(), givenUp, Optional.ofNullable(problem));
    }

    /** The oldest waiting fixes that fit in the free slots, handed out. */
    private List<AutoFixEntry> promote() {
        List<AutoFixEntry> start = new ArrayList<>();
        for (AutoFixEntry entry : waiting()) {
            if (running().size() >= limits.maxRunning()) {
                break;
            }
            AutoFixEntry out = entry.handedOut();
            entries.put(out.id(), out);
            handedOut.add(out.id());
            start.add(out);
        }
        saveOrLog();
        return start;
    }

    /** Handed out in this process, or started before a restart and not yet resumed. */
    private List<AutoFixEntry> running() {
        return entries.values().stream()
                .filter(e -> handedOut.contains(e.id()) || e.state() == AutoFixEntry.State.STARTED).toList();
    }

    private List<AutoFixEntry> waiting() {
        return entries.values().stream()
                .filter(e -> !handedOut.contains(e.id()) && e.state() == AutoFixEntry.State.PENDING).toList();
    }

    /**
     * What runs and what waits, for the management page.
     *
     * @param problem what was wrong with the queue file at start, if anything
     */
    public record Snapshot(List<AutoFixEntry> running, List<AutoFixEntry> waiting, AutoFixLimits limits,
                           Optional<String> problem) {
    }

    public synchronized Snapshot snapshot() {
        return new Snapshot(running(), waiting(), limits, Optional.ofNullable(problem));
    }

    private void saveOrLog() {
        try {
            save();
        } catch (IOException e) {
            LOGGER.log(Level.WARNING, "Could not save the Codegen automatic fix queue", e);
        }
    }

    private void save() throws IOException {
        if (file != null) {
            file.save(new QueueState(QueueState.VERSION, List.copyOf(entries.values())));
        }
    }
}
