package io.gradcheck.report;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.jsoup.select.Selector;

/**
 * A small CSS cascade over a page's own {@code <style>}, for tests: which value of a property an
 * element ends up with, by specificity, then order, then inheritance from its parent. Enough for
 * our flat stylesheet (no !important, no media queries); a selector jsoup cannot match (:hover) is skipped.
 */
final class Css {
    private record Rule(String selector, int[] specificity, int order, String property, String value) {
    }

    private final Document doc;
    private final List<Rule> rules = new ArrayList<>();

    Css(Document doc) {
        this.doc = doc;
        String css = doc.select("style").html().replaceAll("(?s)/\\*.*?\\*/", "");
        int order = 0;
        for (String block : css.split("}")) {
            int brace = block.indexOf('{');
            if (brace < 0) {
                continue;
            }
            for (String decl : block.substring(brace + 1).split(";")) {
                int colon = decl.indexOf(':');
                if (colon < 0) {
                    continue;
                }
                for (String sel : block.substring(0, brace).split(",")) {
                    rules.add(new Rule(sel.trim(), specificity(sel.trim()), order++, decl.substring(0, colon).trim(),
                            decl.substring(colon + 1).trim()));
                }
            }
        }
    }

    /** The value of property on e: its own winning rule, else its parent's value (our properties all inherit). */
    String value(Element e, String property) {
        Rule best = null;
        for (Rule r : rules) {
            if (r.property().equals(property) && matches(e, r.selector())
                    && (best == null || compare(r, best) >= 0)) {
                best = r;
            }
        }
        if (best != null) {
            return best.value();
        }
        return e.parent() == null ? null : value(e.parent(), property);
    }

    private boolean matches(Element e, String selector) {
        if (selector.contains(":hover")) {
            return false;
        }
        try {
            Elements hits = doc.select(selector);
            return hits.stream().anyMatch(h -> h == e);
        } catch (Selector.SelectorParseException x) {
            return false;
        }
    }

    private static int compare(Rule a, Rule b) {
        for (int i = 0; i < 3; i++) {
            if (a.specificity()[i] != b.specificity()[i]) {
                return Integer.compare(a.specificity()[i], b.specificity()[i]);
            }
        }
        return Integer.compare(a.order(), b.order());
    }

    /** (ids, classes + attributes + pseudo-classes, types). */
    static int[] specificity(String selector) {
        return new int[] {count("#[\\w-]+", selector), count("\\.[\\w-]+|\\[[^]]*]|(?<!:):[\\w-]+", selector),
                count("(?:^|[\\s>+~])[a-zA-Z][\\w-]*", selector)};
    }

    private static int count(String regex, String s) {
        Matcher m = Pattern.compile(regex).matcher(s);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }
}
