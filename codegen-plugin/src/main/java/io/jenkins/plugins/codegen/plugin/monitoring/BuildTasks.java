package io.jenkins.plugins.codegen.plugin.monitoring;

import hudson.model.Action;
import java.util.List;

/**
 * The Codegen tasks a build recorded, as the overviews read them: the build's action implements it,
 * so that they count what the build page shows, read from the builds themselves.
 */
public interface BuildTasks extends Action {

    List<? extends TaskFacts> getTasks();
}
