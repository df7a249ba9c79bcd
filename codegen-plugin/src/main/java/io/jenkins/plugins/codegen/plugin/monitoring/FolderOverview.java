package io.jenkins.plugins.codegen.plugin.monitoring;

import com.cloudbees.hudson.plugins.folder.AbstractFolder;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.model.Action;
import hudson.model.Api;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import jenkins.model.TransientActionFactory;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

/**
 * A folder's Codegen overview ({@code /job/NAME/codegen-overview/}, and its {@code api/json}):
 * the tasks and fixes of the jobs in the folder and below that the user may read. Every folder
 * has it (multibranch projects too); the folder's own permission guards the page as any of its pages.
 */
@ExportedBean
public final class FolderOverview implements Action {
    static final String URL_NAME = "codegen-overview";
    private final AbstractFolder<?> folder;

    FolderOverview(AbstractFolder<?> folder) {
        this.folder = folder;
    }

    public AbstractFolder<?> getFolder() {
        return folder;
    }

    @Override
    public String getIconFileName() {
        return "symbol-analytics";
    }

    @Override
    public String getDisplayName() {
        return "Codegen overview";
    }

    @Override
    public String getUrlName() {
        return URL_NAME;
    }

    public Api getApi() {
        return new Api(this);
    }

    /** Read afresh for each request: the page and its API show the same figures. */
    public OverviewPage getOverview() {
        return OverviewPage.of(folder);
    }

    /** The folder's whole and each folder below it, over the last 7 and 30 days; the budgets. */
    @Exported(name = "overview")
    public Map<String, Object> getOverviewMap() {
        return getOverview().toMap();
    }

    /** Gives every folder its overview. */
    @Extension
    @SuppressWarnings("rawtypes")
    public static final class Factory extends TransientActionFactory<AbstractFolder> {
        @Override
        public Class<AbstractFolder> type() {
            return AbstractFolder.class;
        }

        @NonNull
        @Override
        public Collection<? extends Action> createFor(@NonNull AbstractFolder target) {
            return List.of(new FolderOverview((AbstractFolder<?>) target));
        }
    }
}
