package io.jenkins.plugins.codegen;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The core engine must stay free of Jenkins so that all of it is built and tested offline. */
@AnalyzeClasses(packages = "io.jenkins.plugins.codegen", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule noJenkinsInCore = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage("hudson..", "jenkins..", "org.kohsuke..",
                    "org.jenkinsci..")
            .because("codegen-core is the Jenkins-free engine; Jenkins glue belongs in codegen-plugin");

    @ArchTest
    static final ArchRule engineDoesNotDependOnCli = noClasses()
            .that().resideOutsideOfPackage("io.jenkins.plugins.codegen.cli..")
            .should().dependOnClassesThat().resideInAPackage("io.jenkins.plugins.codegen.cli..")
            .because("the plugin uses the engine without the command line front end");

    @ArchTest
    static final ArchRule engineDoesNotUsePicocli = noClasses()
            .that().resideOutsideOfPackage("io.jenkins.plugins.codegen.cli..")
            .should().dependOnClassesThat().resideInAPackage("picocli..")
            .because("picocli is an optional dependency that only the CLI may use");
}
