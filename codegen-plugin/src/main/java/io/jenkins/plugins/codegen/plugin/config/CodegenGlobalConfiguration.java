package io.jenkins.plugins.codegen.plugin.config;

import static io.jenkins.plugins.codegen.plugin.config.CodegenDefaults.DEFAULTS;
import static io.jenkins.plugins.codegen.plugin.config.CodegenDefaults.DEFAULT_API_URL;
import static io.jenkins.plugins.codegen.plugin.config.CodegenDefaults.DEFAULT_BACKEND;
import static io.jenkins.plugins.codegen.plugin.config.CodegenDefaults.DEFAULT_BACKOFF_MULTIPLIER;
import static io.jenkins.plugins.codegen.plugin.config.CodegenDefaults.DEFAULT_BASE_DELAY_SECONDS;
import static io.jenkins.plugins.codegen.plugin.config.CodegenDefaults.DEFAULT_INCLUDE_EXAMPLES;
import static io.jenkins.plugins.codegen.plugin.config.CodegenDefaults.DEFAULT_MAX_PROMPT_LENGTH;
import static io.jenkins.plugins.codegen.plugin.config.CodegenDefaults.DEFAULT_MAX_RETRIES;
import static io.jenkins.plugins.codegen.plugin.config.CodegenDefaults.DEFAULT_OPTIMIZATION_LEVEL;
import static io.jenkins.plugins.codegen.plugin.config.CodegenDefaults.DEFAULT_POLL_INTERVAL_SECONDS;
import static io.jenkins.plugins.codegen.plugin.config.CodegenDefaults.DEFAULT_TIMEOUT_MINUTES;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.BulkChange;
import hudson.Extension;
import hudson.ExtensionList;
import hudson.Util;
import hudson.XmlFile;
import hudson.util.FormValidation;
import io.jenkins.plugins.codegen.bridge.Backend;
import io.jenkins.plugins.codegen.fix.FixPolicy;
import io.jenkins.plugins.codegen.prompt.OptimizationLevel;
import io.jenkins.plugins.codegen.settings.CodegenSettings;
import java.io.File;
import java.io.IOException;
import java.util.function.Function;
import jenkins.model.Jenkins;
import net.sf.json.JSONObject;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.StaplerRequest2;
import org.kohsuke.stapler.verb.POST;

/**
 * Manage Jenkins » System » Codegen, and {@code unclassified: codegen:} in Configuration as Code.
 * Every option starts at the engine's default; steps may override some of them per task, folders and
 * jobs some others ({@link RolloutConfiguration} holds the values for a whole Jenkins).
 */
@Extension
@Symbol("codegen")
public class CodegenGlobalConfiguration extends RolloutConfiguration implements CodegenGlobalForm {
    /** The file it is kept in, under the name versions before the package move gave it. */
    public static final String CONFIG_FILE_NAME = "io.jenkins.plugins.codegen.plugin.CodegenGlobalConfiguration.xml";
    /** Where administrators find this configuration, as messages name it. */
    public static final String GLOBAL_PAGE = "Manage Jenkins » System » Codegen";
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
    /** Null (a configuration saved before the option existed) means the default. */
    private Integer maxFixesPerDay;
    private String codegenBranchPrefix;

    public CodegenGlobalConfiguration() {
        load();
    }

    public static CodegenGlobalConfiguration get() {
        return ExtensionList.lookupSingleton(CodegenGlobalConfiguration.class);
    }

    /**
     * The file that versions before this class moved into this package wrote,
     * {@code io.jenkins.plugins.codegen.plugin.CodegenGlobalConfiguration.xml}, read with Jenkins' XStream,
     * which reads the old class name of its root element as this class.
     */
    @Override
    protected XmlFile getConfigFile() {
        return new XmlFile(Jenkins.XSTREAM2, new File(Jenkins.get().getRootDir(), CONFIG_FILE_NAME));
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
        String value = apiUrlOrDefault(apiUrl);
        GlobalFormNumbers.requireValid("apiUrl", b -> b.apiUrl(value));
        this.apiUrl = value;
        save();
    }

    private static String apiUrlOrDefault(@CheckForNull String apiUrl) {
        String value = Util.fixEmptyAndTrim(apiUrl);
        return value == null ? DEFAULT_API_URL : value;
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
        if (orgId != null) {
            GlobalFormNumbers.requireValid("orgId", b -> b.orgId(orgId));
        }
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
        GlobalFormNumbers.requireValid("timeout", GlobalFormNumbers.timeout(timeout));
        this.timeout = timeout;
        save();
    }

    public int getMaxRetries() {
        return maxRetries;
    }

    @DataBoundSetter
    public void setMaxRetries(int maxRetries) {
        GlobalFormNumbers.requireValid("maxRetries", GlobalFormNumbers.maxRetries(maxRetries));
        this.maxRetries = maxRetries;
        save();
    }

    /** Seconds before the first retry. */
    public int getBaseDelay() {
        return baseDelay;
    }

    @DataBoundSetter
    public void setBaseDelay(int baseDelay) {
        GlobalFormNumbers.requireValid("baseDelay", GlobalFormNumbers.baseDelay(baseDelay));
        this.baseDelay = baseDelay;
        save();
    }

    public double getBackoffMultiplier() {
        return backoffMultiplier;
    }

    @DataBoundSetter
    public void setBackoffMultiplier(double backoffMultiplier) {
        GlobalFormNumbers.requireValid("backoffMultiplier", GlobalFormNumbers.backoffMultiplier(backoffMultiplier));
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
        GlobalFormNumbers.requireValid("maxPromptLength", GlobalFormNumbers.maxPromptLength(maxPromptLength));
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
        GlobalFormNumbers.requireValid("pollInterval", GlobalFormNumbers.pollInterval(pollInterval));
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

    /** Fix runs ({@code codegenFix}, the freestyle fix action) a job may start in 24 hours; 0 turns fixes off. */
    public int getMaxFixesPerDay() {
        return maxFixesPerDay == null ? FixPolicy.DEFAULT_MAX_FIXES_PER_DAY : maxFixesPerDay;
    }

    @DataBoundSetter
    public void setMaxFixesPerDay(int maxFixesPerDay) {
        if (maxFixesPerDay < 0) {
            throw new IllegalArgumentException("maxFixesPerDay is " + maxFixesPerDay + "; it must be 0 or more");
        }
        this.maxFixesPerDay = maxFixesPerDay;
        save();
    }

    /** Branches Codegen creates start with this; a failure there gets no fix. Blank means {@code codegen}. */
    public String getCodegenBranchPrefix() {
        return codegenBranchPrefix == null ? FixPolicy.DEFAULT_CODEGEN_BRANCH_PREFIX : codegenBranchPrefix;
    }

    @DataBoundSetter
    public void setCodegenBranchPrefix(String codegenBranchPrefix) {
        this.codegenBranchPrefix = Util.fixEmptyAndTrim(codegenBranchPrefix);
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
     * Every value is checked before the first is applied, the numbers and the API URL by the engine's
     * own validation: a refused form changes nothing, and what is saved never fails a task.
     */
    @Override
    public boolean configure(StaplerRequest2 req, JSONObject json) throws FormException {
        JSONObject form = JSONObject.fromObject(json);
        try (BulkChange change = new BulkChange(this)) {
            GlobalFormNumbers numbers = GlobalFormNumbers.takeFrom(form);
            Runnable rolloutNumbers = takeRolloutNumbers(form);
            numbers.requireValid(apiUrlOrDefault(form.optString("apiUrl", null)));
            checkChoice(form, "optimizationLevel", CodegenGlobalConfiguration::parseLevel);
            checkChoice(form, "backend", CodegenGlobalConfiguration::parseBackend);
            req.bindJSON(this, form);
            numbers.applyTo(this);
            rolloutNumbers.run();
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

    // ---- Settings for the engine --------------------------------------------------------------

    /**
     * Settings holding this configuration (no token yet).
     *
     * @param unixAgent whether the bridge runs on a Unix agent; decides the default Python
     */
    public CodegenSettings.Builder toSettings(boolean unixAgent) {
        CodegenSettings.Builder builder = CodegenSettings.builder();
        apply(builder);
        builder.pythonPath(pythonPath != null ? pythonPath : unixAgent ? "python3" : "python");
        return builder;
    }

    private void apply(CodegenSettings.Builder builder) {
        new GlobalFormNumbers(orgId, timeout, maxRetries, baseDelay, backoffMultiplier, maxPromptLength, pollInterval,
                getMaxFixesPerDay()).applyTo(builder);
        builder.apiUrl(apiUrl)
                .optimizationLevel(parseLevel(optimizationLevel))
                .includeExamples(includeExamples)
                .mock(mock)
                .backend(parseBackend(backend))
                .debugLogging(debugLogging);
    }

    // ---- Form: the lists and checks are in CodegenGlobalForm; Test connection --------------------

    /**
     * Makes one authenticated call to the Codegen API (or, in mock mode, to the simulated API) with
     * the values in the form, on top of this configuration (see {@link ConnectionTest}). Only
     * administrators may call it: it uses a credential and reaches the network.
     */
    @POST
    public FormValidation doTestConnection(@QueryParameter String apiUrl, @QueryParameter String credentialsId,
                                           @QueryParameter String orgId, @QueryParameter String pythonPath,
                                           @QueryParameter String backend, @QueryParameter boolean mock)
            throws InterruptedException {
        Jenkins.get().checkPermission(Jenkins.ADMINISTER);
        CodegenSettings.Builder configured = CodegenSettings.builder();
        apply(configured);
        return new ConnectionTest(configured).run(apiUrl, credentialsId, orgId, pythonPath, backend, mock);
    }
}
