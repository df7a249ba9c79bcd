package io.jenkins.plugins.codegen.plugin.monitoring;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import hudson.Extension;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The plugin loads and runs without the Metrics plugin. Jenkins skips an {@code optional}
 * extension whose class cannot load; so the Metrics plugin's classes may appear in that one class
 * only, whose superclass is theirs (it cannot load without them), and everything the run code
 * calls must load and work when they are missing. Checked here with a class loader that hides
 * them, as a Jenkins without the Metrics plugin does.
 */
class MetricsPluginOptionalTest {
    private static final List<String> METRICS_PACKAGES = List.of("jenkins.metrics.", "com.codahale.metrics.");
    private static final String PLUGIN = "io.jenkins.plugins.codegen.plugin.";

    @Test
    void onlyTheOptionalProviderNamesTheMetricsPlugin() {
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.jenkins.plugins.codegen.plugin");
        noClasses().that().doNotHaveFullyQualifiedName(CodegenMetricProvider.class.getName())
                .should().dependOnClassesThat().resideInAnyPackage("jenkins.metrics..", "com.codahale.metrics..")
                .because("without the Metrics plugin those classes are missing")
                .check(classes);
        Extension extension = CodegenMetricProvider.class.getAnnotation(Extension.class);
        assertTrue(extension.optional(), "Jenkins skips the extension quietly when it cannot load");
        assertTrue(CodegenMetricProvider.class.getSuperclass().getName().startsWith("jenkins.metrics."),
                "its superclass ties its loading to the Metrics plugin");
    }

    @Test
    void withoutTheMetricsPluginTheProviderCannotLoadAndTheFacadeWorks() throws Exception {
        try (URLClassLoader withoutMetrics = withoutMetricsPlugin()) {
            assertThrows(NoClassDefFoundError.class,
                    () -> Class.forName(CodegenMetricProvider.class.getName(), true, withoutMetrics));

            Class<?> facade = Class.forName(CodegenMetrics.class.getName(), true, withoutMetrics);
            assertEquals(withoutMetrics, facade.getClassLoader(), "the facade is loaded without the Metrics plugin");
            List<?> names = (List<?>) facade.getMethod("counterNames").invoke(null);
            assertTrue(names.contains("codegen.tasks.failed.budget"), names.toString());
            facade.getMethod("runCreated").invoke(null);
            facade.getMethod("bridgeStarted", java.time.Duration.class).invoke(null, java.time.Duration.ofMillis(5));
            // The classes that call the facade load too: the build's record and the task's progress.
            for (String name : List.of("record.CodegenTaskRecord", "run.TaskProgress", "run.CodegenTaskRunner",
                    "wait.CodegenWaitExecution", "monitoring.CodegenManagementLink")) {
                assertEquals(withoutMetrics, Class.forName(PLUGIN + name, true, withoutMetrics).getClassLoader());
            }
        }
    }

    /** The plugin's own classes, defined afresh, over a parent that has no Metrics plugin. */
    private static URLClassLoader withoutMetricsPlugin() {
        URL pluginClasses = CodegenMetrics.class.getProtectionDomain().getCodeSource().getLocation();
        ClassLoader parent = new ClassLoader(MetricsPluginOptionalTest.class.getClassLoader()) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                if (name.startsWith(PLUGIN) || METRICS_PACKAGES.stream().anyMatch(name::startsWith)) {
                    throw new ClassNotFoundException(name);
                }
                return super.loadClass(name, resolve);
            }
        };
        return new URLClassLoader(new URL[] {pluginClasses}, parent);
    }
}
