package io.jenkins.plugins.codegen.fix;

import io.jenkins.plugins.codegen.integrator.TaskResult;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What became of a fix: the task's result (pull request, agent run, error), the failure's
 * signature, and whether the agent run is one an earlier fix of the same failure had started.
 *
 * @param clientRequestId the tag of the fix's agent run
 * @param foundEarlierRun true when no run was created because an earlier fix's run was found
 */
public record FixResult(TaskResult result, FailureSignature signature, String clientRequestId,
                        boolean foundEarlierRun) {

    public FixResult {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(signature, "signature");
        Objects.requireNonNull(clientRequestId, "clientRequestId");
    }

    /** The task result's map (what a pipeline receives), plus the fix's own keys. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>(result.toMap());
        map.put("fix", true);
        map.put("failureSignature", signature.value());
        map.put("foundEarlierRun", foundEarlierRun);
        return map;
    }
}
