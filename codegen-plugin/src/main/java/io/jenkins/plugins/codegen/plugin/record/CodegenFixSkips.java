package io.jenkins.plugins.codegen.plugin.record;

import hudson.model.Action;
import hudson.model.Run;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

/**
 * The fixes of a build that its guardrails skipped (a branch Codegen made, the daily cap), with why:
 * a line each on the failed build's page, as in its console, and in the build's REST API. Nothing
 * was sent for them, so they are no task records (and do not count as fix runs).
 */
@ExportedBean
public class CodegenFixSkips implements Action {
    private static final Object LOCK = new Object();

    private CopyOnWriteArrayList<String> reasons = new CopyOnWriteArrayList<>();

    /** The build's action, added on first use. */
    public static CodegenFixSkips of(Run<?, ?> run) {
        synchronized (LOCK) {
            CodegenFixSkips skips = run.getAction(CodegenFixSkips.class);
            if (skips == null) {
                skips = new CodegenFixSkips();
                run.addAction(skips);
            }
            return skips;
        }
    }

    public void add(String reason) {
        reasons.add(reason);
    }

    protected Object readResolve() {
        if (reasons == null) {
            reasons = new CopyOnWriteArrayList<>();
        }
        return this;
    }

    /** Each skip's one-line reason, e.g. "Codegen fix skipped: branch codegen/x was made by Codegen ...". */
    @Exported(visibility = 2)
    public List<String> getReasons() {
        return List.copyOf(reasons);
    }

    /** Only a summary on the build page: no link, no page of its own. */
    @Override
    public String getIconFileName() {
        return null;
    }

    @Override
    public String getDisplayName() {
        return null;
    }

    @Override
    public String getUrlName() {
        return null;
    }
}
