package io.jenkins.plugins.codegen.prompt;

import io.jenkins.plugins.codegen.task.TaskType;
import java.util.Locale;
import java.util.Map;

/**
 * A short example of good work for each task type: a test in the task's language (Java,
 * JavaScript or TypeScript, Python, Go) or, for any other language, the same idea as steps. Only
 * {@link OptimizationLevel#COMPREHENSIVE} prompts carry one, and it is the first part shed.
 */
final class PromptExamples {

    private enum Language {
        JAVA, JAVASCRIPT, PYTHON, GO, OTHER;

        /** Reads "Java 17", "TypeScript", "node.js", "Golang", ...: the first word decides. */
        static Language of(String name) {
            String word = name.trim().toLowerCase(Locale.ROOT).split("[\\s/,]+", 2)[0];
            return switch (word) {
                case "java" -> JAVA;
                case "javascript", "js", "typescript", "ts", "node", "node.js", "nodejs" -> JAVASCRIPT;
                case "python", "python3", "py" -> PYTHON;
                case "go", "golang" -> GO;
                default -> OTHER;
            };
        }
    }

    private static final Map<TaskType, String> INTRODUCTIONS = Map.of(
            TaskType.BUG_FIX, "A bug fix starts with a test that fails because of the bug:",
            TaskType.FEATURE, "A feature comes with a test for each acceptance criterion, named after it:",
            TaskType.IMPLEMENTATION, "Each requirement gets a test that states the expected behaviour:",
            TaskType.REFACTOR, "Before restructuring, a characterisation test pins what the code does today:");

    private static final Map<TaskType, Map<Language, String>> SAMPLES = Map.of(
            TaskType.BUG_FIX, Map.of(
                    Language.JAVA, """
                            ```java
                            @Test
                            void totalIsZeroAfterLastItemIsRemoved() {
                                Cart cart = new Cart();
                                cart.add(BOOK);
                                cart.remove(BOOK);
                                assertEquals(0, cart.total());
                            }
                            ```""",
                    Language.JAVASCRIPT, """
                            ```javascript
                            test('total is 0 after the last item is removed', () => {
                              const cart = new Cart();
                              cart.add(BOOK);
                              cart.remove(BOOK);
                              expect(cart.total()).toBe(0);
                            });
                            ```""",
                    Language.PYTHON, """
                            ```python
                            def test_total_is_zero_after_last_item_is_removed():
                                cart = Cart()
                                cart.add(BOOK)
                                cart.remove(BOOK)
                                assert cart.total() == 0
                            ```""",
                    Language.GO, """
                            ```go
                            func TestTotalIsZeroAfterLastItemIsRemoved(t *testing.T) {
                            \tcart := NewCart()
                            \tcart.Add(book)
                            \tcart.Remove(book)
                            \tif got := cart.Total(); got != 0 {
                            \t\tt.Errorf("Total() = %d, want 0", got)
                            \t}
                            }
                            ```""",
                    Language.OTHER, """
                            1. Add a test that reproduces the bug; run it and see it fail.
                            2. Fix the cause, not the symptom.
                            3. Run the new test and the whole suite; all pass."""),
            TaskType.FEATURE, Map.of(
                    Language.JAVA, """
                            ```java
                            @Test
                            void discountCodeReducesTotal() {
                                Cart cart = cartWith(BOOK_AT_20);
                                cart.apply("SAVE10");
                                assertEquals(18, cart.total());
                            }
                            ```""",
                    Language.JAVASCRIPT, """
                            ```javascript
                            test('discount code reduces the total', () => {
                              const cart = cartWith(BOOK_AT_20);
                              cart.apply('SAVE10');
                              expect(cart.total()).toBe(18);
                            });
                            ```""",
                    Language.PYTHON, """
                            ```python
                            def test_discount_code_reduces_total():
                                cart = cart_with(BOOK_AT_20)
                                cart.apply("SAVE10")
                                assert cart.total() == 18
                            ```""",
                    Language.GO, """
                            ```go
                            func TestDiscountCodeReducesTotal(t *testing.T) {
                            \tcart := cartWith(bookAt20)
                            \tcart.Apply("SAVE10")
                            \tif got := cart.Total(); got != 18 {
                            \t\tt.Errorf("Total() = %d, want 18", got)
                            \t}
                            }
                            ```""",
                    Language.OTHER, """
                            1. Write one test per acceptance criterion, named after it.
                            2. Implement until they pass.
                            3. Add tests for invalid input and edge cases."""),
            TaskType.IMPLEMENTATION, Map.of(
                    Language.JAVA, """
                            ```java
                            @Test
                            void parsesHoursAndMinutes() {
                                assertEquals(Duration.ofMinutes(90), Durations.parse("1h30m"));
                            }
                            ```""",
                    Language.JAVASCRIPT, """
                            ```javascript
                            test('parses hours and minutes', () => {
                              expect(parseDuration('1h30m')).toBe(90);
                            });
                            ```""",
                    Language.PYTHON, """
                            ```python
                            def test_parses_hours_and_minutes():
                                assert parse_duration("1h30m") == timedelta(minutes=90)
                            ```""",
                    Language.GO, """
                            ```go
                            func TestParsesHoursAndMinutes(t *testing.T) {
                            \tif got, _ := ParseDuration("1h30m"); got != 90*time.Minute {
                            \t\tt.Errorf("ParseDuration() = %v, want 1h30m", got)
                            \t}
                            }
                            ```""",
                    Language.OTHER, """
                            1. Write a test for each requirement, stating the expected result.
                            2. Implement until they pass.
                            3. Add tests for invalid input."""),
            TaskType.REFACTOR, Map.of(
                    Language.JAVA, """
                            ```java
                            @Test
                            void formatsInvoiceAsBefore() {
                                assertEquals("Total: 1,234.50 EUR", InvoiceFormatter.format(SAMPLE));
                            }
                            ```""",
                    Language.JAVASCRIPT, """
                            ```javascript
                            test('formats the invoice as before', () => {
                              expect(formatInvoice(SAMPLE)).toBe('Total: 1,234.50 EUR');
                            });
                            ```""",
                    Language.PYTHON, """
                            ```python
                            def test_formats_invoice_as_before():
                                assert format_invoice(SAMPLE) == "Total: 1,234.50 EUR"
                            ```""",
                    Language.GO, """
                            ```go
                            func TestFormatsInvoiceAsBefore(t *testing.T) {
                            \tif got := FormatInvoice(sample); got != "Total: 1,234.50 EUR" {
                            \t\tt.Errorf("FormatInvoice() = %q", got)
                            \t}
                            }
                            ```""",
                    Language.OTHER, """
                            1. Run the existing tests; add characterisation tests where they are thin.
                            2. Restructure in small steps, running the tests after each.
                            3. Change no behaviour: the same tests pass, unchanged."""));

    private PromptExamples() {
    }

    /** The example for a task of this type in this language (any other language gets steps). */
    static String forTask(TaskType type, String language) {
        return INTRODUCTIONS.get(type) + "\n" + SAMPLES.get(type).get(Language.of(language));
    }
}
