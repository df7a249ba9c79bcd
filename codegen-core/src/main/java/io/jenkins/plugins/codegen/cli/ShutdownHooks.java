package io.jenkins.plugins.codegen.cli;

/**
 * Where a command registers what must run when the JVM is asked to stop (Ctrl-C, {@code kill}).
 * The JVM's own in production; tests pass one they can trigger without ending their JVM.
 */
interface ShutdownHooks {
    void add(Thread hook);

    void remove(Thread hook);

    static ShutdownHooks runtime() {
        return new ShutdownHooks() {
            @Override
            public void add(Thread hook) {
                Runtime.getRuntime().addShutdownHook(hook);
            }

            @Override
            public void remove(Thread hook) {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // The hook runs or has run: there is nothing left to undo.
                }
            }
        };
    }
}
