package io.jenkins.plugins.codegen.watch;

import io.jenkins.plugins.codegen.integrator.ProgressListener;
import io.jenkins.plugins.codegen.integrator.TaskAbortedException;
import io.jenkins.plugins.codegen.integrator.TaskResult;
import java.net.Authenticator;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLContext;

/**
 * Waits for existing agent runs without a Python process or a thread per run: one timer thread and
 * a small pool drive non-blocking requests of the JDK's HTTP client for every run being waited on.
 * A JVM needs one (a Jenkins controller keeps one for all its builds); it is safe to use from any
 * thread. Runs are read as the bridge reads them (docs/watcher.md): the same adaptive poll, the
 * same organization budget, {@code Retry-After} honoured, the same error types and guidance.
 *
 * <p>Progress reaches listeners on the watcher's threads: a listener must be quick and must not block.
 */
public final class Watcher implements AutoCloseable {
    /** One pool thread handles a thousand runs' answers: each takes microseconds. */
    static final int DEFAULT_THREADS = 1;
    /**
     * Reads in flight at once, over all runs. A loopback read takes a fraction of a millisecond, a real one a
     * few hundred: four carry some 20 reads per second against the real API, ten times an organization's
     * budget, and a burst of a thousand due reads goes out four at a time instead of on a thousand
     * connections. It also bounds the JDK client's short-lived completion threads (docs/watcher.md).
     */
    static final int DEFAULT_WINDOW = 4;

    private final Engine engine;
    private final Set<RunWait> active = ConcurrentHashMap.newKeySet();

    /** What every {@link RunWait} of this watcher shares. */
    record Engine(ApiReads reads, WatchScheduler scheduler, PollPolicy poll, Budgets budgets) {
    }

    private Watcher(Builder b) {
        WatchScheduler scheduler = new WatchScheduler(b.clock, b.threads, b.window);
        HttpClient.Builder http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(b.requestTimeout)
                .executor(scheduler.pool());
        if (b.proxy != null) {
            http.proxy(b.proxy);
        }
        SSLContext tls = b.sslContext != null ? b.sslContext : defaultTls();
        http.sslContext(tls);
        // Not http.authenticator(...): with one, the JDK's client drops the bearer token (ProxyAuthorization).
        ApiReads reads = new ApiReads(http.build(), new ProxyAuthorization(b.proxy, b.authenticator), tls,
                b.requestTimeout);
        this.engine = new Engine(reads, scheduler, b.poll, b.budgets);
    }

    private static SSLContext defaultTls() {
        try {
            return SSLContext.getDefault();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java has no TLS", e);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The state of a new wait on a run, ending {@code timeout} from now on this watcher's clock.
     */
    public WatchState stateFor(String apiUrl, long orgId, long runId, Duration timeout) {
        return new WatchState(apiUrl, orgId, runId, engine.scheduler().clock().instant().plus(timeout));
    }

    /**
     * Starts waiting; returns at once.
     *
     * @param token the API token, kept in memory only for this wait's requests and masked in every message; a
     *              missing or malformed one ends the wait at once with {@code authentication}, as the bridge does
     * @throws IllegalArgumentException when the state's API URL is not a URL
     */
    public Watch watch(WatchState state, String token, ProgressListener listener) {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(listener, "listener");
        RunWait wait = new RunWait(state, token, listener, engine, active::remove);
        active.add(wait);
        wait.start();
        return new Watch(state, wait);
    }

    /** {@link #watch} and {@link Watch#await()}: blocks until the run ends, the deadline passes or an interrupt. */
    public TaskResult await(WatchState state, String token, ProgressListener listener) throws TaskAbortedException {
        return watch(state, token, listener).await();
    }

    /** Waits in progress. */
    public int activeWaits() {
        return active.size();
    }

    /** Cancels the waits in progress (each ends {@code aborted}) and stops the watcher's threads. */
    @Override
    public void close() {
        List.copyOf(active).forEach(RunWait::cancel);
        engine.scheduler().close();
        engine.reads().close();
    }

    /** The watcher's settings; every one has a default. */
    public static final class Builder {
        private WatchClock clock = WatchClock.system();
        private PollPolicy poll = PollPolicy.DEFAULT;
        private Duration requestTimeout = Duration.ofSeconds(30);
        private Budgets budgets = Budgets.SHARED;
        private ProxySelector proxy;
        private Authenticator authenticator;
        private SSLContext sslContext;
        private int threads = DEFAULT_THREADS;
        private int window = DEFAULT_WINDOW;

        private Builder() {
        }

        /** A scaled clock for the time-scaled simulator; a fake one in tests. */
        public Builder clock(WatchClock value) {
            this.clock = Objects.requireNonNull(value);
            return this;
        }

        public Builder poll(PollPolicy value) {
            this.poll = Objects.requireNonNull(value);
            return this;
        }

        /** Each read's limit, in real time (default 30 s). */
        public Builder requestTimeout(Duration value) {
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException("requestTimeout must be positive");
            }
            this.requestTimeout = value;
            return this;
        }

        /** Which organization budget reads count against (default: the bridges' shared ones). */
        public Builder budgets(Budgets value) {
            this.budgets = Objects.requireNonNull(value);
            return this;
        }

        /**
         * An HTTP proxy (Jenkins: its proxy configuration's selector) and the authenticator that holds its
         * user and password; either may be null. The credentials are sent preemptively as
         * {@code Proxy-Authorization: Basic} (see {@link ProxyAuthorization} for why not as the client's
         * authenticator); for an https API on the {@code CONNECT} of a tunnel the watcher opens itself
         * ({@link ApiReads}), so no JVM-wide setting needs to change.
         */
        public Builder proxy(ProxySelector selector, Authenticator proxyAuthenticator) {
            this.proxy = selector;
            this.authenticator = proxyAuthenticator;
            return this;
        }

        /** Which certificates the API may present (default: the JVM's trust store). */
        public Builder sslContext(SSLContext value) {
            this.sslContext = Objects.requireNonNull(value);
            return this;
        }

        /** Pool threads besides the timer thread and the HTTP client's selector (default 1). */
        public Builder threads(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("threads must be at least 1");
            }
            this.threads = value;
            return this;
        }

        /** Reads in flight at once over all runs (default 4). */
        public Builder window(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("window must be at least 1");
            }
            this.window = value;
            return this;
        }

        public Watcher build() {
            return new Watcher(this);
        }
    }
}
