package io.jenkins.plugins.codegen.autofix;

import static io.jenkins.plugins.codegen.autofix.AutoFixQueueTest.START;
import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.codegen.testing.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A controller that stops with fixes queued or running: each is picked up once after the restart,
 * a started one with its run tag (which finds its agent run), and none is started twice.
 */
class AutoFixRestartTest {
    @TempDir
    Path home;

    private final MutableClock clock = new MutableClock(START);

    private AutoFixQueue open() {
        return AutoFixQueue.open(home.resolve("codegen-autofix.json"), AutoFixLimits.defaults(), clock);
    }

    @Test
    void aRestartResumesTheStartedFixWithItsTagAndStartsThePendingOnesOnce() throws Exception {
        AutoFixQueue before = open();
        before.recover();
        before.submit("webapp", 1);
        before.started("webapp#1", "codegen-fix-aaa");
        before.submit("webapp", 2); // handed out, its bridge not launched yet
        before.submit("webapp", 3); // waiting
        before.submit("api", 9); // waiting

        AutoFixQueue after = open();
        Recovery recovery = after.recover();

        assertThat(recovery.resume()).singleElement().satisfies(entry -> {
            assertThat(entry.id()).isEqualTo("webapp#1");
            assertThat(entry.runTag()).isEqualTo("codegen-fix-aaa");
        });
        assertThat(recovery.start()).extracting(AutoFixEntry::id).containsExactly("webapp#2");
        assertThat(recovery.givenUp()).isEmpty();
        assertThat(recovery.problem()).isEmpty();

        Recovery again = after.recover();
        assertThat(again.resume()).isEmpty();
        assertThat(again.start()).isEmpty();
        assertThat(after.submit("webapp", 1)).isInstanceOf(Admission.AlreadyQueued.class);
        assertThat(after.finished("webapp#1")).extracting(AutoFixEntry::id).containsExactly("webapp#3");
        assertThat(after.finished("webapp#2")).extracting(AutoFixEntry::id).containsExactly("api#9");
        assertThat(after.finished("webapp#3")).isEmpty();
    }

    @Test
    void aFixThatFinishedBeforeTheRestartIsNotPickedUp() throws Exception {
        AutoFixQueue before = open();
        before.recover();
        before.submit("webapp", 1);
        before.started("webapp#1", "codegen-fix-aaa");
        before.finished("webapp#1");

        Recovery recovery = open().recover();

        assertThat(recovery.resume()).isEmpty();
        assertThat(recovery.start()).isEmpty();
    }

    @Test
    void aFixThatNeverFinishesAcrossRestartsIsGivenUp() throws Exception {
        AutoFixQueue first = open();
        first.recover();
        first.submit("webapp", 1);
        first.started("webapp#1", "codegen-fix-aaa");

        assertThat(open().recover().resume()).hasSize(1);
        assertThat(open().recover().resume()).hasSize(1);
        Recovery fourth = open().recover();

        assertThat(fourth.resume()).isEmpty();
        assertThat(fourth.givenUp()).containsExactly("Codegen automatic fix of webapp#1 given up: it was started 3 "
                + "times and never finished (the controller stopped each time). Its agent run, tagged "
                + "codegen-fix-aaa, may exist at Codegen.");
        assertThat(open().recover().givenUp()).isEmpty();
    }

    @Test
    void aCorruptQueueFileIsSetAsideAndNothingIsPickedUp() throws Exception {
        Files.writeString(home.resolve("codegen-autofix.json"), "{\"version\": 1, \"entries\": [{\"job\": \"x\"");

        AutoFixQueue queue = open();
        Recovery recovery = queue.recover();

        assertThat(recovery.resume()).isEmpty();
        assertThat(recovery.start()).isEmpty();
        assertThat(recovery.problem()).hasValueSatisfying(problem -> assertThat(problem)
                .contains("codegen-autofix.json is not valid").contains("set aside as")
                .endsWith("The fixes it held are not picked up, so that none starts twice."));
        assertThat(queue.snapshot().problem()).isEqualTo(recovery.problem());
        assertThat(queue.submit("webapp", 5)).isInstanceOf(Admission.Start.class);
        try (Stream<Path> files = Files.list(home)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .contains("codegen-autofix.json", "codegen-autofix.json.corrupt-" + START.toEpochMilli());
        }
    }

    @Test
    void aFileThatListsAFixTwiceIsCorrupt() throws Exception {
        String entry = "{\"job\": \"x\", \"build\": 1, \"queuedAtMillis\": 0, \"state\": \"PENDING\", \"starts\": 0}";
        Files.writeString(home.resolve("codegen-autofix.json"),
                "{\"version\": 1, \"entries\": [" + entry + ", " + entry + "]}");

        assertThat(open().recover().problem()).hasValueSatisfying(problem ->
                assertThat(problem).contains("the fix of x#1 is listed twice"));
    }

    @Test
    void aFixThatCannotBeSavedIsRefused() throws Exception {
        Path folder = home.resolve("state");
        AutoFixQueue queue = AutoFixQueue.open(folder.resolve("codegen-autofix.json"), AutoFixLimits.defaults(), clock);
        Files.writeString(folder, "a file where the folder should be");

        Admission admission = queue.submit("webapp", 1);

        assertThat(admission).isInstanceOf(Admission.Refused.class);
        assertThat(admission.message()).contains("could not be saved").endsWith("This build gets no automatic fix.");
        assertThat(queue.snapshot().running()).isEmpty();
    }
}
