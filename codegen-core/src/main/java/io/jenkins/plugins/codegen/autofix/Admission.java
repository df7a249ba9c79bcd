package io.jenkins.plugins.codegen.autofix;

/**
 * What the queue did with a failed build, and the line its console gets.
 */
public sealed interface Admission {

    /** The line for the failed build's console. */
    String message();

    /** A slot is free: start this fix now (it is yours alone). */
    record Start(AutoFixEntry entry) implements Admission {
        @Override
        public String message() {
            return "Codegen automatic fix of " + entry.id() + " is starting.";
        }
    }

    /** Every slot is busy: it waits, and {@link AutoFixQueue#finished} hands it out when its turn comes. */
    record Queued(AutoFixEntry entry, int position, int running) implements Admission {
        @Override
        public String message() {
            return "Codegen automatic fix of " + entry.id() + " is queued: " + running + (running == 1 ? " fix is" : " fixes are")
                    + " running, and it is number " + position + " in line.";
        }
    }

    /** This build's fix is queued or running already. */
    record AlreadyQueued(AutoFixEntry entry) implements Admission {
        @Override
        public String message() {
            return "Codegen automatic fix of " + entry.id() + " is " + (entry.state() == AutoFixEntry.State.STARTED
                    ? "running" : "queued") + " already.";
        }
    }

    /** The queue is full, or could not be saved: this build gets no automatic fix. */
    record Refused(String job, int build, String reason) implements Admission {
        @Override
        public String message() {
            return "Codegen automatic fix of " + AutoFixEntry.id(job, build) + " not queued: " + reason
                    + " This build gets no automatic fix.";
        }
    }
}
