package io.jenkins.plugins.codegen.bridge;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One request to the bridge, as written to its stdin. It never holds the token: that travels in
 * the child's environment only.
 */
public final class BridgeRequest {
    static final int PROTOCOL = 1;

    private final BridgeCommand command;
    private final String apiUrl;
    private final long orgId;
    private final Backend backend;
    private final String prompt;
    private final String repository;
    private final Map<String, Object> metadata;
    private final String clientRequestId;
    private final Long resumeRunId;
    private final boolean lookupBeforeCreate;
    private final boolean waitForRun;
    private final Long runId;
    private final Duration deadline;
    private final Duration requestTimeout;
    private final PollSettings poll;
    private final Duration lookupGrace;
    private final Duration lookupWindow;
    private final double timeScale;
    private final boolean debug;
    private final boolean liveLog;
    private final int logSkip;
    private final Long followUpRunId;

    private BridgeRequest(Builder b) {
        this.command = Objects.requireNonNull(b.command, "command");
        this.apiUrl = Objects.requireNonNull(b.apiUrl, "apiUrl");
        this.orgId = b.orgId;
        this.backend = b.backend;
        this.prompt = b.prompt;
        this.repository = b.repository;
        this.metadata = Map.copyOf(b.metadata);
        this.clientRequestId = b.clientRequestId;
        this.resumeRunId = b.resumeRunId;
        this.lookupBeforeCreate = b.lookupBeforeCreate;
        this.waitForRun = b.waitForRun;
        this.runId = b.runId;
        this.deadline = b.deadline;
        this.requestTimeout = b.requestTimeout;
        this.poll = b.poll;
        this.lookupGrace = b.lookupGrace;
        this.lookupWindow = b.lookupWindow;
        this.timeScale = b.timeScale;
        this.debug = b.debug;
        this.liveLog = b.liveLog;
        this.logSkip = b.logSkip;
        this.followUpRunId = b.followUpRunId;
    }

    public static Builder builder(BridgeCommand command, String apiUrl, long orgId) {
        return new Builder(command, apiUrl, orgId);
    }

    public Builder toBuilder() {
        Builder b = new Builder(command, apiUrl, orgId);
        b.backend = backend;
        b.prompt = prompt;
        b.repository = repository;
        b.metadata = new LinkedHashMap<>(metadata);
        b.clientRequestId = clientRequestId;
        b.resumeRunId = resumeRunId;
        b.lookupBeforeCreate = lookupBeforeCreate;
        b.waitForRun = waitForRun;
        b.runId = runId;
        b.deadline = deadline;
        b.requestTimeout = requestTimeout;
        b.poll = poll;
        b.lookupGrace = lookupGrace;
        b.lookupWindow = lookupWindow;
        b.timeScale = timeScale;
        b.debug = debug;
        b.liveLog = liveLog;
        b.logSkip = logSkip;
        b.followUpRunId = followUpRunId;
        return b;
    }

    public BridgeCommand command() {
        return command;
    }

    public Backend backend() {
        return backend;
    }

    /** The whole command's time budget, in the bridge's (possibly scaled) seconds. */
    public Duration deadline() {
        return deadline;
    }

    public PollSettings poll() {
        return poll;
    }

    public Duration requestTimeout() {
        return requestTimeout;
    }

    public double timeScale() {
        return timeScale;
    }

    public boolean liveLog() {
        return liveLog;
    }

    public int logSkip() {
        return logSkip;
    }

    /** The tag the run is created with ({@code client_request_id} in its metadata), or null. */
    public String clientRequestId() {
        return clientRequestId;
    }

    /** The run a {@code run} command attaches to instead of creating one, or null. */
    public Long resumeRunId() {
        return resumeRunId;
    }

    /** The run a {@code run} command sends a follow-up to instead of creating one, or null. */
    public Long followUpRunId() {
        return followUpRunId;
    }

    /** The JSON the bridge reads on stdin. */
    public byte[] toJson(ObjectMapper mapper) {
        ObjectNode json = mapper.createObjectNode();
        json.put("protocol", PROTOCOL);
        json.put("command", command.wireName());
        json.put("api_url", apiUrl);
        json.put("org_id", orgId);
        json.put("backend", backend.wireName());
        json.put("deadline", seconds(deadline));
        json.put("request_timeout", seconds(requestTimeout));
        json.put("time_scale", timeScale);
        json.put("debug", debug);
        json.put("lookup_grace", seconds(lookupGrace));
        ObjectNode pollJson = json.putObject("poll");
        pollJson.put("interval", seconds(poll.interval()));
        pollJson.put("max_interval", seconds(poll.maxInterval()));
        pollJson.put("growth", poll.growth());
        pollJson.put("min_interval", seconds(poll.minInterval()));
        if (prompt != null) {
            json.put("prompt", prompt);
        }
        if (repository != null) {
            json.put("repository", repository);
        }
        if (!metadata.isEmpty()) {
            json.set("metadata", mapper.valueToTree(metadata));
        }
        if (clientRequestId != null) {
            json.put("client_request_id", clientRequestId);
        }
        if (resumeRunId != null) {
            json.put("resume_run_id", resumeRunId);
        }
        json.put("lookup_before_create", lookupBeforeCreate);
        if (lookupWindow != null) {
            json.put("lookup_window", seconds(lookupWindow));
        }
        if (!waitForRun) {
            json.put("wait", false);
        }
        if (runId != null) {
            json.put("run_id", runId);
        }
        json.put("live_log", liveLog);
        if (logSkip > 0) {
            json.put("log_skip", logSkip);
        }
        if (followUpRunId != null) {
            json.put("follow_up_run_id", followUpRunId);
        }
        try {
            return mapper.writeValueAsBytes(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write a bridge request", e);
        }
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }

    /**
     * How the bridge polls: start at {@code interval}, then wait {@code growth} times the time
     * since the status last changed, capped at {@code maxInterval}, never below {@code minInterval}.
     */
    public record PollSettings(Duration interval, Duration maxInterval, double growth, Duration minInterval) {
        public static final PollSettings DEFAULT =
                new PollSettings(Duration.ofSeconds(5), Duration.ofSeconds(120), 0.1, Duration.ZERO);

        public PollSettings withMinInterval(Duration value) {
            return new PollSettings(interval, maxInterval, growth, value);
        }
    }

    /** Collects a request; defaults match the bridge's own. */
    public static final class Builder {
        private final BridgeCommand command;
        private final String apiUrl;
        private final long orgId;
        private Backend backend = Backend.REST;
        private String prompt;
        private String repository;
        private Map<String, Object> metadata = new LinkedHashMap<>();
        private String clientRequestId;
        private Long resumeRunId;
        private boolean lookupBeforeCreate;
        private boolean waitForRun = true;
        private Long runId;
        private Duration deadline = Duration.ofMinutes(30);
        private Duration requestTimeout = Duration.ofSeconds(30);
        private PollSettings poll = PollSettings.DEFAULT;
        private Duration lookupGrace = Duration.ofSeconds(5);
        private Duration lookupWindow;
        private double timeScale = 1.0;
        private boolean debug;
        private boolean liveLog = true;
        private int logSkip;
        private Long followUpRunId;

        private Builder(BridgeCommand command, String apiUrl, long orgId) {
            this.command = command;
            this.apiUrl = apiUrl;
            this.orgId = orgId;
        }

        public Builder backend(Backend value) {
            this.backend = Objects.requireNonNull(value);
            return this;
        }

        public Builder prompt(String value) {
            this.prompt = value;
            return this;
        }

        /** {@code owner/name}: the bridge turns it into the organization's repo id. */
        public Builder repository(String value) {
            this.repository = value == null || value.isBlank() ? null : value;
            return this;
        }

        /** Stored with the agent run (REST backend only). */
        public Builder metadata(Map<String, ?> value) {
            this.metadata = new LinkedHashMap<>(value);
            return this;
        }

        /** The tag that lets a retry find the run an earlier attempt may have created. */
        public Builder clientRequestId(String value) {
            this.clientRequestId = value;
            return this;
        }

        /** Attach: follow this existing run, never create one (a retry after the run existed, a lost bridge). */
        public Builder resumeRunId(Long value) {
            this.resumeRunId = value;
            return this;
        }

        /** An earlier attempt's create may have succeeded: look for its run before creating. */
        public Builder lookupBeforeCreate(boolean value) {
            this.lookupBeforeCreate = value;
            return this;
        }

        /**
         * {@code false}: end with a result as soon as the run exists (status {@code ACTIVE}, no pull request);
         * the caller follows it itself (the watcher). The run is still created exactly once.
         */
        public Builder waitForRun(boolean value) {
            this.waitForRun = value;
            return this;
        }

        /** For {@link BridgeCommand#STATUS}. */
        public Builder runId(Long value) {
            this.runId = value;
            return this;
        }

        public Builder deadline(Duration value) {
            this.deadline = Objects.requireNonNull(value);
            return this;
        }

        public Builder requestTimeout(Duration value) {
            this.requestTimeout = Objects.requireNonNull(value);
            return this;
        }

        public Builder poll(PollSettings value) {
            this.poll = Objects.requireNonNull(value);
            return this;
        }

        public Builder lookupGrace(Duration value) {
            this.lookupGrace = Objects.requireNonNull(value);
            return this;
        }

        /**
         * How far back a run carrying the tag may have been created: the search for it pages back
         * through the organization's runs until they are older. Null: it was made moments ago (the
         * bridge reads the newest few pages).
         */
        public Builder lookupWindow(Duration value) {
            this.lookupWindow = value;
            return this;
        }

        /** Only against the simulator: the bridge's clock runs this many times faster. */
        public Builder timeScale(double value) {
            this.timeScale = value;
            return this;
        }

        public Builder debug(boolean value) {
            this.debug = value;
            return this;
        }

        /** {@code false}: read the run with plain status reads only (the logs endpoint failed earlier). */
        public Builder liveLog(boolean value) {
            this.liveLog = value;
            return this;
        }

        /** Log entries of the run already reported (an attach after a retry or a restart): only later ones come. */
        public Builder logSkip(int value) {
            if (value < 0) {
                throw new IllegalArgumentException("logSkip must not be negative");
            }
            this.logSkip = value;
            return this;
        }

        /** Command {@code run}: send this prompt to this existing run (resume) instead of creating a run. */
        public Builder followUpRunId(Long value) {
            this.followUpRunId = value;
            return this;
        }

        public BridgeRequest build() {
            return new BridgeRequest(this);
        }
    }
}
