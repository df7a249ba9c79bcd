package io.jenkins.plugins.codegen.plugin.run;

import hudson.model.Run;
import io.jenkins.plugins.codegen.integrator.ClientRequestId;
import io.jenkins.plugins.codegen.plugin.record.CodegenBuildAction;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.jenkinsci.plugins.workflow.actions.BodyInvocationAction;
import org.jenkinsci.plugins.workflow.actions.ThreadNameAction;
import org.jenkinsci.plugins.workflow.graph.BlockStartNode;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.graph.StepNode;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;

/**
 * The tag ({@code client_request_id}) a task's agent run is created with, derived from the build and
 * the step instead of drawn at random, so that a Pipeline {@code retry} finds the run its earlier
 * attempt made. Each attempt of a {@code retry} body runs new steps (new flow nodes), so inside a
 * {@code retry} the tag is made of the {@code retry} step, the parallel branches in between and the
 * task itself; outside any, of the step's own flow node. An attempt whose tag an earlier task of the
 * build already used looks for the run that carries it before it creates one (the earlier attempt
 * may have made one, e.g. when its create's outcome was unknown), and follows that run.
 */
public final class TaskTags {
    private static final String PREFIX = "jenkins-task-";
    private static final String RETRY = "retry";

    private TaskTags() {
    }

    /** The tag of a {@code codegenTask} step that starts now, marked as used in the build. */
    static ClientRequestId forStep(Run<?, ?> run, FlowNode node, Serializable task) {
        String tag = derive(run.getExternalizableId(), scope(node), digest(task));
        return new ClientRequestId(tag, CodegenBuildAction.of(run).tagUsedBefore(tag));
    }

    /** The tag of a freestyle build step: its build and its place among the job's build steps. */
    public static ClientRequestId forBuilder(Run<?, ?> run, int index) {
        return index < 0 ? ClientRequestId.random()
                : new ClientRequestId(derive(run.getExternalizableId(), "builder " + index, ""), false);
    }

    /**
     * Where the step is: inside a {@code retry}, that {@code retry} step and the parallel branches
     * between it and the step (the same for every attempt); else the step itself.
     */
    static String scope(FlowNode node) {
        StringBuilder branches = new StringBuilder();
        for (BlockStartNode block : node.iterateEnclosingBlocks()) {
            ThreadNameAction branch = block.getPersistentAction(ThreadNameAction.class);
            if (branch != null) {
                branches.insert(0, branch.getThreadName() + "/");
            }
            if (block.getPersistentAction(BodyInvocationAction.class) == null && isRetry(block)) {
                return RETRY + " " + block.getId() + " " + branches;
            }
        }
        return "step " + node.getId();
    }

    private static boolean isRetry(BlockStartNode block) {
        if (!(block instanceof StepNode step)) {
            return false;
        }
        StepDescriptor descriptor = step.getDescriptor();
        return descriptor != null && RETRY.equals(descriptor.getFunctionName());
    }

    /** What the task asks, as a digest: the same task in the same place is the same task. */
    private static String digest(Serializable task) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(task);
        } catch (IOException e) {
            throw new IllegalStateException("a task's parameters are serializable", e);
        }
        return HexFormat.of().formatHex(sha256(bytes.toByteArray()));
    }

    private static String derive(String build, String scope, String task) {
        byte[] text = (build.length() + ":" + build + "|" + scope.length() + ":" + scope + "|" + task)
                .getBytes(StandardCharsets.UTF_8);
        return PREFIX + HexFormat.of().formatHex(sha256(text), 0, 16);
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
