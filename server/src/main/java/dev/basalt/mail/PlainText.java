package dev.basalt.mail;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.TextNode;

/** The plain-text alternative of an HTML mail body: the text, with each link's URL kept beside its label. */
final class PlainText {

    private PlainText() {}

    static String of(String html) {
        Document doc = Jsoup.parseBodyFragment(html);
        for (Element a : doc.select("a[href]")) {
            String label = a.text().strip();
            String href = a.attr("href");
            a.replaceWith(new TextNode(label.isEmpty() || label.equals(href) ? href : label + " (" + href + ")"));
        }
        for (Element br : doc.select("br")) {
            br.replaceWith(new TextNode("\n"));
        }
        for (Element block : doc.select("p, div, h1, h2, h3, h4, h5, h6, li, tr")) {
            block.appendChild(new TextNode("\n"));
        }
        String text = doc.body().wholeText();
        StringBuilder out = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            out.append(line.strip()).append('\n');
        }
        return out.toString().replaceAll("\n{3,}", "\n\n").strip();
    }
}
