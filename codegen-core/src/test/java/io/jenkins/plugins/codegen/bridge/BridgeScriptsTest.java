package io.jenkins.plugins.codegen.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What reaches an agent is one file: the package's modules, joined in the order of its modules.txt. */
class BridgeScriptsTest {
    @Test
    void theBridgeIsOneFileOfItsModulesInOrder() {
        String bridge = new String(BridgeScripts.read(BridgeScripts.BRIDGE), StandardCharsets.UTF_8);

        assertThat(bridge).startsWith("#!/usr/bin/env python3\n\"\"\"Codegen bridge:");
        assertThat(bridge.indexOf("class _FollowLoop:")).isPositive().isLessThan(bridge.indexOf("class Bridge("));
        assertThat(bridge.indexOf("def _take_secrets(")).isGreaterThan(bridge.indexOf("class Bridge("));
        assertThat(bridge).endsWith("if __name__ == \"__main__\":\n    sys.exit(main())\n");
    }

    @Test
    void theSimulatorIsOneFileToo() {
        String simulator = new String(BridgeScripts.read(BridgeScripts.SIMULATOR), StandardCharsets.UTF_8);

        assertThat(simulator.indexOf("class _Endpoints(")).isPositive().isLessThan(simulator.indexOf("class _Core("));
        assertThat(simulator).contains("class Simulator(").endsWith("    sys.exit(main())\n");
    }

    @Test
    void onlyTheBundledScriptsAreRead() {
        assertThatThrownBy(() -> BridgeScripts.read("modules.txt")).isInstanceOf(IllegalArgumentException.class);
    }
}
