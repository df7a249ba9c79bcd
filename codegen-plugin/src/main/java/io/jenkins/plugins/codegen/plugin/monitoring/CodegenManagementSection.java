package io.jenkins.plugins.codegen.plugin.monitoring;

import hudson.ExtensionList;
import hudson.ExtensionPoint;
import hudson.model.Api;
import java.util.List;
import java.util.Map;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

/**
 * A section of the Manage Jenkins » Codegen page contributed by a higher layer of the plugin (the
 * budgets), which this bottom layer cannot name: its {@code section.jelly} is shown on the page, its
 * {@link #getData() data} is in the page's REST API under its {@link #getUrlName() name}, and it
 * answers at {@code /manage/codegen/NAME/} (its own API and actions), behind the page's permission check.
 */
@ExportedBean
public abstract class CodegenManagementSection implements ExtensionPoint {

    /** The section's path below the page and its key in the page's REST API, e.g. {@code budgets}. */
    public abstract String getUrlName();

    /** What the REST API shows of the section. */
    @Exported(name = "data")
    public abstract Map<String, Object> getData();

    public Api getApi() {
        return new Api(this);
    }

    public static List<CodegenManagementSection> all() {
        return ExtensionList.lookup(CodegenManagementSection.class);
    }
}
