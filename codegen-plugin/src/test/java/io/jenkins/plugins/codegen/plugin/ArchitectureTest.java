package io.jenkins.plugins.codegen.plugin;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import java.util.ArrayList;
import java.util.List;

/**
 * The plugin's packages stand in layers, each using only those below it, so that nothing imports
 * upward or sideways and there is no cycle (docs/architecture.md draws them). A new package must be
 * given its level here.
 */
@AnalyzeClasses(packages = "io.jenkins.plugins.codegen.plugin", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    private static final String ROOT = "io.jenkins.plugins.codegen.plugin";

    /** From the top down; the packages of one level do not use each other. */
    private static final List<List<String>> LEVELS = List.of(
            List.of(ROOT), // the old names of stored classes, which names every package's
            List.of("autofix", "history"), // an automatic fix runs codegenFix's fix after the build ended;
            // the history reads what the builds' records hold
            List.of("fix"), // codegenFix runs a codegenTask with a task of its own
            List.of("task", "wait"),
            List.of("run"),
            List.of("budget"),
            List.of("scope"), // a task's settings from its folders and job, and their automatic fixes
            List.of("parameters", "agent", "record"),
            List.of("config"),
            List.of("monitoring"));

    @ArchTest
    static final ArchRule layers = layers().because("a package stands on the packages below it only");

    @ArchTest
    static final ArchRule noCycles = slices().matching(ROOT + ".(*)..").should().beFreeOfCycles();

    private static LayeredArchitecture layers() {
        LayeredArchitecture architecture = layeredArchitecture().consideringOnlyDependenciesInLayers()
                .ensureAllClassesAreContainedInArchitecture();
        for (List<String> level : LEVELS) {
            for (String name : level) {
                architecture = architecture.layer(name).definedBy(name.equals(ROOT) ? ROOT : ROOT + "." + name);
            }
        }
        List<String> above = new ArrayList<>();
        for (List<String> level : LEVELS) {
            for (String name : level) {
                architecture = above.isEmpty() ? architecture.whereLayer(name).mayNotBeAccessedByAnyLayer()
                        : architecture.whereLayer(name).mayOnlyBeAccessedByLayers(above.toArray(String[]::new));
            }
            above.addAll(level);
        }
        return architecture;
    }
}
