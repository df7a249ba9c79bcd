package io.jenkins.plugins.codegen.fix;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Reads the failed tests from JUnit XML reports (Surefire, Gradle, pytest and most other tools
 * write this format): a {@code TEST-*.xml} file, or a directory of them. A report may come from
 * code under test, so the parser resolves no entity, loads no DTD and refuses a document type
 * declaration altogether (no XXE, no "billion laughs").
 */
public final class JUnitReports {
    /** A bound on the work a stray directory can cause; a real build writes far fewer reports. */
    static final int MAX_FILES = 10_000;

    /**
     * @param failedTests every failed or broken test, sorted by name
     * @param problems one line per report that could not be read, with why
     */
    public record Read(List<FailedTest> failedTests, List<String> problems) {
        public Read {
            failedTests = List.copyOf(failedTests);
            problems = List.copyOf(problems);
        }
    }

    private JUnitReports() {
    }

    /** @param location a report file, or a directory whose {@code TEST-*.xml} files are read */
    public static Read read(Path location, Redactor redactor) throws IOException {
        List<FailedTest> failed = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Path report : reports(location)) {
            try (InputStream in = Files.newInputStream(report)) {
                collect(safeParser().parse(in).getDocumentElement(), redactor, failed);
            } catch (SAXException e) {
                problems.add(report.getFileName() + " is not a JUnit XML report: " + e.getMessage());
            }
        }
        failed.sort(Comparator.comparing(FailedTest::fullName));
        return new Read(failed, problems);
    }

    private static List<Path> reports(Path location) throws IOException {
        if (!Files.isDirectory(location)) {
            return List.of(location);
        }
        List<Path> reports = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(location, "TEST-*.xml")) {
            for (Path file : files) {
                if (Files.isRegularFile(file) && reports.size() < MAX_FILES) {
                    reports.add(file);
                }
            }
        }
        reports.sort(Comparator.naturalOrder());
        return reports;
    }

    /** Every {@code testcase} under a {@code testsuite} or {@code testsuites} root, however nested. */
    private static void collect(Element root, Redactor redactor, List<FailedTest> failed) {
        NodeList cases = root.getElementsByTagName("testcase");
        for (int i = 0; i < cases.getLength(); i++) {
            Element testCase = (Element) cases.item(i);
            problem(testCase).ifPresent(problem -> failed.add(FailedTest.of(testCase.getAttribute("classname"),
                    testCase.getAttribute("name"), problem.getTagName().equals("error"),
                    problem.getAttribute("message"), problem.getTextContent(), redactor)));
        }
    }

    /** The test's {@code failure} or {@code error}; a flaky test that passed on a rerun has neither. */
    private static Optional<Element> problem(Element testCase) {
        for (Node child = testCase.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element element
                    && (element.getTagName().equals("failure") || element.getTagName().equals("error"))) {
                return Optional.of(element);
            }
        }
        return Optional.empty();
    }

    static DocumentBuilder safeParser() {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            factory.setNamespaceAware(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            // The default handler prints parse errors on stderr; they are reported as problems instead.
            builder.setErrorHandler(new ErrorHandler() {
                @Override
                public void warning(SAXParseException e) {
                }

                @Override
                public void error(SAXParseException e) throws SAXException {
                    throw e;
                }

                @Override
                public void fatalError(SAXParseException e) throws SAXException {
                    throw e;
                }
            });
            return builder;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser lacks a security feature: " + e.getMessage(), e);
        }
    }
}
