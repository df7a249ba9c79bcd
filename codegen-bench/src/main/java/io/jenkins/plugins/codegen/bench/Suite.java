package io.jenkins.plugins.codegen.bench;

/** One benchmark: runs against the engine on this machine and reports what it found. */
interface Suite {

    /** The name it is run by: {@code ./bench/run <name>}. */
    String name();

    SuiteReport run(Machine machine) throws Exception;
}
