package io.jenkins.plugins.codegen.plugin;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.BulkChange;
import hudson.Extension;
import hudson.ExtensionList;
import hudson.ProxyConfiguration;
import hudson.Util;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import hudson.util.Secret;
import io.jenkins.plugins.codegen.bridge.Backend;
import io.jenkins.plugins.codegen.bridge.HealthReport;
import io.jenkins.plugins.codegen.bridge.LocalBridgeLauncher;
import io.jenkins.plugins.codegen.bridge.ProxyEnvironment;
import io.jenkins.plugins.codegen.error.CodegenException;
import io.jenkins.plugins.codegen.error.FieldError;
import io.jenkins.plugins.codegen.integrator.CodegenIntegrator;
import io.jenkins.plugins.codegen.prompt.OptimizationLevel;
import io.jenkins.plugins.codegen.settings.CodegenSettings;
import java.io.IOException;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import jenkins.model.GlobalConfiguration;
import jenkins.model.Jenkins;
import net.sf.json.JSONObject;
import org.jenkinsci.Symbol;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.verb.POST;

/**
 * Manage Jenkins » System » Codegen, and {@code unclassified: codegen:} in Configuration as Code.
 * Every option starts at the engine's default; steps may override some of them per task.
 */
@Extension
@Symbol("codegen")
public class CodegenGlobalConfiguration extends GlobalConfiguration {
    /** The engine's defaults, which are this page's defaults. */
    private static final CodegenSettings DEFAULTS = CodegenSettings.builder().build();

    static final String DEFAULT_API_URL = DEFAULTS.apiUrl();
    static final int DEFAULT_TIMEOUT_MINUTES = (int) DEFAULTS.timeout().toMinutes();
    static final int DEFAULT_MAX_RETRIES = DEFAULTS.maxRetries();
    static final int DEFAULT_BASE_DELAY_SECONDS = (int) DEFAULTS.baseDelay().toSeconds();
    static final double DEFAULT_BACKOFF_MULTIPLIER = DEFAULTS.backoffMultiplier();
    static final String DEFAULT_OPTIMIZATION_LEVEL = DEFAULTS.optimizationLevel().wireName();
    static final int DEFAULT_MAX_PROMPT_LENGTH = DEFAULTS.maxPromptLength();
    static final boolean DEFAULT_INCLUDE_EXAMPLES = DEFAULTS.includeExamples();
    static final int DEFAULT_POLL_INTERVAL_SECONDS = (int) DEFAULTS.pollInterval().toSeconds();
    static final String DEFAULT_BACKEND = DEFAULTS.backend().wireName();

    private String apiUrl = DEFAULT_API_URL;
    private String credentialsId;
    private Long orgId;
    private String pythonPath;
    private int timeout = DEFAULT_TIMEOUT_MINUTES;
    private int maxRetries = DEFAULT_MAX_RETRIES;
    private int baseDelay = DEFAULT_BASE_DELAY_SECONDS;
    private double backoffMultiplier = DEFAULT_BACKOFF_MULTIPLIER;
    private String optimizationLevel = DEFAULT_OPTIMIZATION_LEVEL;
    private int maxPromptLength = DEFAULT_MAX_PROMPT_LENGTH;
    private boolean includeExamples = DEFAULT_INCLUDE_EXAMPLES;
    private boolean mock = DEFAULTS.mock();
    private int pollInterval = DEFAULT_POLL_INTERVAL_SECONDS;
    private String backend = DEFAULT_BACKEND;
    private boolean debugLogging = DEFAULTS.debugLogging();

    public CodegenGlobalConfiguration() {
        load();
    }

    public static CodegenGlobalConfiguration get() {
        return ExtensionList.lookupSingleton(CodegenGlobalConfiguration.class);
    }

    @NonNull
    @Override
    public String getDisplayName() {
        return Messages.CodegenGlobalConfiguration_DisplayName();
    }

    // ---- Options ----------------------------------------------------------------------------

    /** The Codegen API, e.g. {@code https://api.codegen.com}. */
    public String getApiUrl() {
        return apiUrl;
    }

    @DataBoundSetter
    public void setApiUrl(String apiUrl) {
        String value = Util.fixEmptyAndTrim(apiUrl);
        this.apiUrl = value == null ? DEFAULT_API_URL : value;
        save();
    }

    /** The default "Secret text" credential holding the API token; null for none. */
    @CheckForNull
    public String getCredentialsId() {
        return credentialsId;
    }

    @DataBoundSetter
    public void setCredentialsId(String credentialsId) {
        this.credentialsId = Util.fixEmptyAndTrim(credentialsId);
        save();
    }

    /** The default organization; null for none. */
    @CheckForNull
    public Long getOrgId() {
        return orgId;
    }

    @DataBoundSetter
    public void setOrgId(Long orgId) {
        this.orgId = orgId;
        save();
    }

    /** The Python interpreter on the agents; null means {@code python3}, or {@code python} on Windows agents. */
    @CheckForNull
    public String getPythonPath() {
        return pythonPath;
    }

    @DataBoundSetter
    public void setPythonPath(String pythonPath) {
        this.pythonPath = Util.fixEmptyAndTrim(pythonPath);
        save();
    }

    /** Minutes a task may take in all: every attempt, every wait and the agent run itself. */
    public int getTimeout() {
        return timeout;
    }

    @DataBoundSetter
    public void setTimeout(int timeout) {
        this.timeout = timeout;
        save();
    }

    public int getMaxRetries() {
        return maxRetries;
    }

    @DataBoundSetter
    public void setMaxRetries(int maxRetries) {
        this.maxRetries = maxRetries;
        save();
    }

    /** Seconds before the first retry. */
    public int getBaseDelay() {
        return baseDelay;
    }

    @DataBoundSetter
    public void setBaseDelay(int baseDelay) {
        this.baseDelay = baseDelay;
        save();
    }

    public double getBackoffMultiplier() {
        return backoffMultiplier;
    }

    @DataBoundSetter
    public void setBackoffMultiplier(double backoffMultiplier) {
        this.backoffMultiplier = backoffMultiplier;
        save();
    }

    /** {@code minimal}, {@code standard} or {@code comprehensive}. */
    public String getOptimizationLevel() {
        return optimizationLevel;
    }

    @DataBoundSetter
    public void setOptimizationLevel(String optimizationLevel) {
        this.optimizationLevel = parseLevel(optimizationLevel).wireName();
        save();
    }

    public int getMaxPromptLength() {
        return maxPromptLength;
    }

    @DataBoundSetter
    public void setMaxPromptLength(int maxPromptLength) {
        this.maxPromptLength = maxPromptLength;
        save();
    }

    public boolean isIncludeExamples() {
        return includeExamples;
    }

    @DataBoundSetter
    public void setIncludeExamples(boolean includeExamples) {
        this.includeExamples = includeExamples;
        save();
    }

    /** Whether every task talks to the simulated Codegen API instead of the real one. */
    public boolean isMock() {
        return mock;
    }

    @DataBoundSetter
    public void setMock(boolean mock) {
        this.mock = mock;
        save();
    }

    /** Seconds before the first status read of an agent run; later reads come less often. */
    public int getPollInterval() {
        return pollInterval;
    }

    @DataBoundSetter
    public void setPollInterval(int pollInterval) {
        this.pollInterval = pollInterval;
        save();
    }

    /** {@code rest}, {@code sdk} or {@code auto}. */
    public String getBackend() {
        return backend;
    }

    @DataBoundSetter
    public void setBackend(String backend) {
        this.backend = parseBackend(backend).wireName();
        save();
    }

    public boolean isDebugLogging() {
        return debugLogging;
    }

    @DataBoundSetter
    public void setDebugLogging(boolean debugLogging) {
        this.debugLogging = debugLogging;
        save();
    }

    private static OptimizationLevel parseLevel(String value) {
        String text = Util.fixEmptyAndTrim(value);
        if (text == null) {
            return OptimizationLevel.STANDARD;
        }
        return OptimizationLevel.parse(text).orElseThrow(() -> new IllegalArgumentException(
                "optimizationLevel '" + text + "' is not one of " + OptimizationLevel.names()));
    }

    private static Backend parseBackend(String value) {
        String text = Util.fixEmptyAndTrim(value);
        if (text == null) {
            return Backend.REST;
        }
        return Backend.parse(text).orElseThrow(() -> new IllegalArgumentException(
                "backend '" + text + "' is not one of " + Backend.names()));
    }

    // ---- Saving the form ----------------------------------------------------------------------

    /**
     * Numbers are read here rather than by Stapler, which would turn a blank field into 0 and a typo
     * into 0 or null without a word: a blank field means the default, and a typo is refused.
     */
    @Override
    public boolean configure(StaplerRequest2 req, JSONObject json) throws FormException {
        JSONObject form = JSONObject.fromObject(json);
        try (BulkChange change = new BulkChange(this)) {
            Long org = wholeNumber(form, "orgId", null);
            int minutes = wholeNumber(form, "timeout", (long) DEFAULT_TIMEOUT_MINUTES).intValue();
            int retries = wholeNumber(form, "maxRetries", (long) DEFAULT_MAX_RETRIES).intValue();
            int delay = wholeNumber(form, "baseDelay", (long) DEFAULT_BASE_DELAY_SECONDS).intValue();
            double multiplier = decimalNumber(form, "backoffMultiplier", DEFAULT_BACKOFF_MULTIPLIER);
            int promptLength = wholeNumber(form, "maxPromptLength", (long) DEFAULT_MAX_PROMPT_LENGTH).intValue();
            int poll = wholeNumber(form, "pollInterval", (long) DEFAULT_POLL_INTERVAL_SECONDS).intValue();
            // Every value is checked before the first is applied: a refused form changes nothing.
            checkChoice(form, "optimizationLevel", CodegenGlobalConfiguration::parseLevel);
            checkChoice(form, "backend", CodegenGlobalConfiguration::parseBackend);
            req.bindJSON(this, form);
            setOrgId(org);
            setTimeout(minutes);
            setMaxRetries(retries);
            setBaseDelay(delay);
            setBackoffMultiplier(multiplier);
            setMaxPromptLength(promptLength);
            setPollInterval(poll);
            change.commit();
        } catch (IOException e) {
            throw new FormException("Could not save the Codegen configuration: " + e.getMessage(), e, "apiUrl");
        }
        return true;
    }

    private static void checkChoice(JSONObject form, String field, Function<String, ?> parse)
            throws FormException {
        try {
            parse.apply(form.optString(field, null));
        } catch (IllegalArgumentException e) {
            throw new FormException(e.getMessage(), e, field);
        }
    }

    /** Takes a whole number out of the form; a blank field gives the default. */
    private static Long wholeNumber(JSONObject form, String field, Long defaultValue) throws FormException {
        Object raw = form.remove(field);
        String text = raw == null ? null : Util.fixEmptyAndTrim(raw.toString());
        if (text == null) {
            return defaultValue;
        }
        try {
            long value = Long.parseLong(text);
            if (!field.equals("orgId") && (value > Integer.MAX_VALUE || value < Integer.MIN_VALUE)) {
                throw new NumberFormatException(text);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new FormException(field + " must be a whole number, not '" + text + "'.", field);
        }
    }

    private static double decimalNumber(JSONObject form, String field, double defaultValue) throws FormException {
        Object raw = form.remove(field);
        String text = raw == null ? null : Util.fixEmptyAndTrim(raw.toString());
        if (text == null) {
            return defaultValue;
        }
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new FormException(field + " must be a number, not '" + text + "'.", field);
        }
    }

    // ---- Settings for the engine --------------------------------------------------------------

    /**
     * Settings holding this configuration (no token yet).
     *
     * @param unixAgent whether the bridge runs on a Unix agent; decides the default Python
     */
    CodegenSettings.Builder toSettings(boolean unixAgent) {
        CodegenSettings.Builder builder = CodegenSettings.builder();
        apply(builder);
        builder.pythonPath(pythonPath != null ? pythonPath : unixAgent ? "python3" : "python");
        return builder;
    }

    private void apply(CodegenSettings.Builder builder) {
        Duration firstDelay = Duration.ofSeconds(baseDelay);
        builder.apiUrl(apiUrl)
                .orgId(orgId)
                .timeout(Duration.ofMinutes(timeout))
                .maxRetries(maxRetries)
                .baseDelay(firstDelay)
                // The cap between retries is not an option here; it must not be shorter than the first wait.
                .maxDelay(firstDelay.compareTo(DEFAULTS.maxDelay()) > 0 ? firstDelay : DEFAULTS.maxDelay())
                .backoffMultiplier(backoffMultiplier)
                .optimizationLevel(parseLevel(optimizationLevel))
                .maxPromptLength(maxPromptLength)
                .includeExamples(includeExamples)
                .mock(mock)
                .pollInterval(Duration.ofSeconds(pollInterval))
                .backend(parseBackend(backend))
                .debugLogging(debugLogging);
        Duration longestPoll = DEFAULTS.maxPollInterval();
        if (Duration.ofSeconds(pollInterval).compareTo(longestPoll) > 0) {
            builder.maxPollInterval(Duration.ofSeconds(pollInterval));
        }
    }

    /** Jenkins' proxy (Manage Jenkins » System » HTTP Proxy), as variables for the bridge; none if not set. */
    static ProxyEnvironment proxyEnvironment() {
        ProxyConfiguration proxy = Jenkins.get().getProxy();
        if (proxy == null) {
            return ProxyEnvironment.none();
        }
        return ProxyEnvironment.of(proxy.getName(), proxy.getPort(), proxy.getUserName(),
                Secret.toString(proxy.getSecretPassword()), proxy.getNoProxyHost());
    }

    // ---- Form: lists, checks, Test connection -------------------------------------------------

    @POST
    public ListBoxModel doFillCredentialsIdItems(@QueryParameter String credentialsId) {
        return CodegenCredentials.fillGlobal(credentialsId);
    }

    @POST
    public ListBoxModel doFillOptimizationLevelItems() {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return TaskForms.optimizationLevels(null);
    }

    @POST
    public ListBoxModel doFillBackendItems() {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return TaskForms.backends(null);
    }

    @POST
    public FormValidation doCheckApiUrl(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        String url = Util.fixEmptyAndTrim(value);
        if (url == null) {
            return FormValidation.ok("Blank: " + DEFAULT_API_URL + " is used.");
        }
        return FormChecks.settingsField("apiUrl", b -> b.apiUrl(url));
    }

    @POST
    public FormValidation doCheckCredentialsId(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return CodegenCredentials.checkGlobal(value);
    }

    @POST
    public FormValidation doCheckOrgId(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return TaskForms.checkOrgId(value, FormValidation.warning("No default organization: every task must set "
                + "orgId, unless it runs in mock mode."));
    }

    @POST
    public FormValidation doCheckPythonPath(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        if (Util.fixEmptyAndTrim(value) == null) {
            return FormValidation.ok("Blank: python3 on Unix agents, python on Windows agents.");
        }
        return FormValidation.ok();
    }

    @POST
    public FormValidation doCheckTimeout(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return checkWhole(value, "minutes", "timeout", n -> b -> b.timeout(Duration.ofMinutes(n)));
    }

    @POST
    public FormValidation doCheckMaxRetries(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return checkWhole(value, "", "maxRetries", n -> b -> b.maxRetries(n.intValue()));
    }

    @POST
    public FormValidation doCheckBaseDelay(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return checkWhole(value, "seconds", "baseDelay", n -> b -> b.baseDelay(Duration.ofSeconds(n))
                .maxDelay(Duration.ofSeconds(Math.max(n, DEFAULTS.maxDelay().toSeconds()))));
    }

    @POST
    public FormValidation doCheckBackoffMultiplier(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        Double multiplier;
        try {
            multiplier = FormChecks.parseDecimal(value);
        } catch (NumberFormatException e) {
            return FormValidation.error("Enter a number such as 2 or 1.5.");
        }
        if (multiplier == null) {
            return FormValidation.ok("Blank: " + DEFAULT_BACKOFF_MULTIPLIER + " is used.");
        }
        return FormChecks.settingsField("backoffMultiplier", b -> b.backoffMultiplier(multiplier));
    }

    @POST
    public FormValidation doCheckOptimizationLevel(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return TaskForms.checkChoice(value, OptimizationLevel.parse(value).isPresent(), OptimizationLevel.names());
    }

    @POST
    public FormValidation doCheckMaxPromptLength(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return checkWhole(value, "characters", "maxPromptLength", n -> b -> b.maxPromptLength(n.intValue()));
    }

    @POST
    public FormValidation doCheckPollInterval(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return checkWhole(value, "seconds", "pollInterval", n -> b -> b.pollInterval(Duration.ofSeconds(n))
                .maxPollInterval(Duration.ofSeconds(Math.max(n, DEFAULTS.maxPollInterval().toSeconds()))));
    }

    @POST
    public FormValidation doCheckBackend(@QueryParameter String value) {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        return TaskForms.checkChoice(value, Backend.parse(value).isPresent(), Backend.names());
    }

    private interface SettingFromNumber {
        Consumer<CodegenSettings.Builder> apply(Long value);
    }

    private static FormValidation checkWhole(String value, String unit, String field, SettingFromNumber set) {
        Long number;
        try {
            number = FormChecks.parseWhole(value);
        } catch (NumberFormatException e) {
            return FormChecks.notAWholeNumber(unit);
        }
        if (number == null) {
            return FormValidation.ok("Blank: the default is used.");
        }
        if (number > Integer.MAX_VALUE || number < Integer.MIN_VALUE) {
            return FormValidation.error("That number is far too large.");
        }
        return switch (unit) {
            case "minutes" -> FormChecks.durationField(field, ChronoUnit.MINUTES, set.apply(number));
            case "seconds" -> FormChecks.durationField(field, ChronoUnit.SECONDS, set.apply(number));
            default -> FormChecks.settingsField(field, set.apply(number));
        };
    }

    /**
     * Makes one authenticated call to the Codegen API (or, in mock mode, to the simulated API) with
     * the values in the form, on the controller, and says who the token belongs to or exactly what
     * failed. Only administrators may call it: it uses a credential and reaches the network.
     */
    @POST
    public FormValidation doTestConnection(@QueryParameter String apiUrl, @QueryParameter String credentialsId,
                                           @QueryParameter String orgId, @QueryParameter String pythonPath,
                                           @QueryParameter String backend, @QueryParameter boolean mock)
            throws InterruptedException {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        CodegenSettings.Builder builder = CodegenSettings.builder();
        apply(builder);
        builder.mock(mock);
        String url = Util.fixEmptyAndTrim(apiUrl);
        builder.apiUrl(url == null ? DEFAULT_API_URL : url);
        String python = Util.fixEmptyAndTrim(pythonPath);
        if (python != null) {
            builder.pythonPath(python);
        }
        try {
            builder.orgId(FormChecks.parseWhole(orgId));
        } catch (NumberFormatException e) {
            return FormValidation.error("The organization id must be a number.");
        }
        if (Backend.parse(backend).isPresent()) {
            builder.backend(Backend.parse(backend).get());
        }
        String id = Util.fixEmptyAndTrim(credentialsId);
        if (!mock) {
            if (id == null) {
                return FormValidation.error("Choose the credential holding your Codegen API token first.");
            }
            StringCredentials credentials = CodegenCredentials.global(id);
            if (credentials == null) {
                return FormValidation.error("No global Secret text credential has the id '" + id + "'. Test "
                        + "connection can only use global credentials; folder credentials are found when a build runs.");
            }
            builder.token(credentials.getSecret().getPlainText());
        }
        CodegenSettings settings = builder.build();
        List<FieldError> errors = settings.validate();
        if (!errors.isEmpty()) {
            return FormValidation.error("Not tested: " + errors.stream()
                    .map(e -> (e.field().equals("token") ? "the credential '" + id + "'" : e.field()) + " "
                            + e.problem() + ". " + e.remedy())
                    .collect(Collectors.joining(" ")));
        }
        ProxyEnvironment proxy = proxyEnvironment();
        try (LocalBridgeLauncher launcher = new LocalBridgeLauncher()) {
            CodegenIntegrator.Builder integrator = CodegenIntegrator.builder(settings, launcher)
                    .bridgeEnvironment(proxy.variables());
            if (!mock) {
                CodegenMonitoring monitoring = CodegenMonitoring.get();
                integrator.monitoring(monitoring.statistics(), monitoring.health());
            }
            try (CodegenIntegrator engine = integrator.build()) {
                HealthReport report = engine.checkConnection();
                return FormValidation.ok((mock ? "Mock mode: the simulated Codegen API answered. " : "Connected. ")
                        + "The token belongs to " + (report.user() == null ? "an unnamed user" : report.user())
                        + ", who may use the organization " + describeOrganization(report) + ".");
            }
        } catch (CodegenException e) {
            return FormValidation.error("Connection failed [" + e.getErrorType().wireName() + "]: " + e.getMessage()
                    + " What to do: " + e.getGuidance()
                    + " (Test connection runs on the controller, with its Python and network.)");
        } catch (IOException e) {
            return FormValidation.error("Could not clean up the bridge's temporary folder: " + e.getMessage());
        }
    }

    private static String describeOrganization(HealthReport report) {
        String name = report.organizationName();
        return (name == null || name.isBlank() ? "" : "'" + name + "' ")
                + String.format(Locale.ROOT, "(id %d)", report.organizationId());
    }
}
