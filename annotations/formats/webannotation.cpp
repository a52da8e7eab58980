// SPDX-FileCopyrightText: 2026 The Scholiast developers
// SPDX-License-Identifier: MIT
#include "webannotation.h"

#include "filepolicy.h"

#include "interchange_p.h"
#include "spanfields.h"
#include "jsonwriter_p.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSet>
#include <QUrl>

#include <map>

namespace Scholiast::WebAnnotation {

using namespace Interchange;

namespace {

const QString FormatName = QStringLiteral("w3c");
const QString Context = QStringLiteral("http://www.w3.org/ns/anno.jsonld");

bool isIri(const Json::Node &node)
{
    // An absolute IRI: a scheme, a colon, no white space (RFC 3987).
    static const QRegularExpression iri(QStringLiteral("^[A-Za-z][A-Za-z0-9+.-]*:[^\\s]*$"));
    return node.isString() && iri.match(node.string).hasMatch();
}

bool hasType(const Json::Node *type, QStringView name)
{
    if (!type) {
        return false;
    }
    if (type->isString()) {
        return type->string == name;
    }
    for (const Json::Node &t : type->items) {
        if (t.isString() && t.string == name) {
            return true;
        }
    }
    return false;
}

bool isDateTime(const Json::Node &node)
{
    static const QRegularExpression form(
        QStringLiteral("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?(Z|[+-]\\d\\d:\\d\\d)?$"));
    return node.isString() && form.match(node.string).hasMatch();
}

// The model's MUST rules for what a reader relies on (the W3C test suite's annotationMusts.test).
class Checker
{
public:
    Checker(const Json::Source &source, Diagnostics &diagnostics)
        : m_source(source)
        , m_diagnostics(diagnostics)
    {
    }
    int errors() const { return m_errors; }

    void annotation(const Json::Node &a, bool inCollection)
    {
        if (!a.isObject()) {
            fail(a, QStringLiteral("an annotation must be a JSON object"));
            return;
        }
        const Json::Node *context = a.get(u"@context");
        if (context) {
            bool found = context->isString() && context->string == Context;
            for (const Json::Node &c : context->items) {
                found |= c.isString() && c.string == Context;
            }
            if (!found) {
                fail(*context, QStringLiteral("@context must be or include %1").arg(Context));
            }
        } else if (!inCollection) {
            fail(a, QStringLiteral("the annotation has no @context (it must be %1)").arg(Context));
        }
        const Json::Node *id = a.get(u"id");
        if (!id) {
            fail(a, QStringLiteral("the annotation has no id"));
        } else if (!isIri(*id)) {
            fail(*id,
                 id->isArray() ? QStringLiteral("an annotation has exactly one id, not a list")
                               : QStringLiteral("id \"%1\" is not an IRI").arg(id->string));
        }
        if (!hasType(a.get(u"type"), u"Annotation")) {
            fail(a.get(u"type") ? *a.get(u"type") : a, QStringLiteral("the annotation's type must be \"Annotation\""));
        }
        const Json::Node *target = a.get(u"target");
        if (!target) {
            fail(a, QStringLiteral("the annotation has no target"));
        } else {
            eachResource(*target, true);
        }
        const Json::Node *body = a.get(u"body");
        const Json::Node *bodyValue = a.get(u"bodyValue");
        if (body && bodyValue) {
            fail(*bodyValue, QStringLiteral("an annotation must not have both body and bodyValue"));
        }
        if (bodyValue && !bodyValue->isString()) {
            fail(*bodyValue, QStringLiteral("bodyValue must be a single string"));
        }
        if (body) {
            eachResource(*body, false);
        }
        for (const char *key : {"created", "modified", "generated"}) {
            if (const Json::Node *time = a.get(QLatin1String(key)); time && !isDateTime(*time)) {
                fail(*time,
                     QStringLiteral("%1 must be one xsd:dateTime, such as 2015-01-28T12:00:00Z")
                         .arg(QLatin1String(key)));
            }
        }
        for (const char *key : {"creator", "generator"}) {
            if (const Json::Node *agent = a.get(QLatin1String(key))) {
                agents(*agent, QLatin1String(key));
            }
        }
        iris(a, {"canonical", "via", "rights"});
    }

private:
    void fail(const Json::Node &at, const QString &message)
    {
        ++m_errors;
        m_diagnostics.append(m_source.at(at.offset, message));
    }
    void iris(const Json::Node &object, std::initializer_list<const char *> keys)
    {
        for (const char *key : keys) {
            const Json::Node *value = object.get(QLatin1String(key));
            if (!value) {
                continue;
            }
            bool ok = isIri(*value);
            if (value->isArray() && qstrcmp(key, "canonical") != 0) {
                ok = !value->items.empty();
                for (const Json::Node &v : value->items) {
                    ok &= isIri(v);
                }
            }
            if (!ok) {
                fail(*value, QStringLiteral("%1 must be an IRI").arg(QLatin1String(key)));
            }
        }
    }
    void agents(const Json::Node &agent, const QString &key)
    {
        if (agent.isArray()) {
            for (const Json::Node &a : agent.items) {
                agents(a, key);
            }
        } else if (!(isIri(agent) || agent.isObject())) {
            fail(agent, QStringLiteral("%1 must be an IRI or an agent object").arg(key));
        }
    }
    void eachResource(const Json::Node &r, bool target)
    {
        if (r.isArray()) {
            if (r.items.empty()) {
                fail(r,
                     QStringLiteral("an empty list of %1")
                         .arg(target ? QStringLiteral("targets") : QStringLiteral("bodies")));
            }
            for (const Json::Node &item : r.items) {
                eachResource(item, target);
            }
            return;
        }
        const QString what = target ? QStringLiteral("target") : QStringLiteral("body");
        if (r.isString()) {
            if (!isIri(r)) {
                fail(r, QStringLiteral("%1 \"%2\" is not an IRI").arg(what, r.string));
            }
            return;
        }
        if (!r.isObject()) {
            fail(r, QStringLiteral("a %1 must be an IRI or an object").arg(what));
            return;
        }
        if (const Json::Node *id = r.get(u"id"); id && !isIri(*id)) {
            fail(*id, QStringLiteral("the %1's id is not an IRI").arg(what));
        }
        const Json::Node *type = r.get(u"type");
        const Json::Node *items = r.get(u"items");
        if (hasType(type, u"Choice") || hasType(type, u"List") || hasType(type, u"Composite")
            || hasType(type, u"Independents")) {
            if (type->isArray() && type->items.size() > 1) {
                fail(*type,
                     QStringLiteral("a %1 has one of the types Choice, List, Composite, Independents").arg(what));
            }
            if (!items || !items->isArray() || items->items.empty()) {
                fail(r,
                     QStringLiteral("a %1 of type %2 needs items")
                         .arg(what, type->isString() ? type->string : QString()));
            } else {
                for (const Json::Node &item : items->items) {
                    eachResource(item, target);
                }
            }
            return;
        }
        if (items) {
            fail(*items,
                 QStringLiteral("a %1 with items needs the type Choice, List, Composite or Independents").arg(what));
        }
        const Json::Node *value = r.get(u"value");
        if (hasType(type, u"TextualBody") && !value) {
            fail(r, QStringLiteral("a TextualBody needs a value"));
        }
        if (value && !value->isString()) {
            fail(*value, QStringLiteral("a textual body's value must be a single string"));
        }
        if (!value && !r.get(u"id") && !r.get(u"source")) {
            fail(r, QStringLiteral("a %1 needs an id, a source or a value").arg(what));
        }
        if (const Json::Node *format = r.get(u"format"); format && !format->isString() && !format->isArray()) {
            fail(*format, QStringLiteral("format must be a media type string"));
        }
        for (const char *key : {"language", "processingLanguage"}) {
            const Json::Node *language = r.get(QLatin1String(key));
            if (language && !language->isString() && !(qstrcmp(key, "language") == 0 && language->isArray())) {
                fail(*language, QStringLiteral("%1 must be a language tag string").arg(QLatin1String(key)));
            }
        }
        if (const Json::Node *direction = r.get(u"textDirection"); direction
            && !(direction->isString()
                 && QStringList{QStringLiteral("ltr"), QStringLiteral("rtl"), QStringLiteral("auto")}.contains(
                     direction->string))) {
            fail(*direction, QStringLiteral("textDirection must be ltr, rtl or auto"));
        }
        for (const char *key : {"created", "modified"}) {
            if (const Json::Node *time = r.get(QLatin1String(key)); time && !isDateTime(*time)) {
                fail(*time, QStringLiteral("%1 must be one xsd:dateTime").arg(QLatin1String(key)));
            }
        }
        iris(r, {"canonical", "via", "rights"});
        const bool specific = r.get(u"selector") || r.get(u"state") || r.get(u"styleClass") || r.get(u"renderedVia")
            || r.get(u"scope") || hasType(type, u"SpecificResource");
        const Json::Node *source = r.get(u"source");
        if (specific && !source) {
            fail(r, QStringLiteral("a SpecificResource %1 needs a source").arg(what));
        }
        if (source && !isIri(*source) && !(source->isObject() && source->get(u"id") && isIri(*source->get(u"id")))) {
            fail(*source, QStringLiteral("the %1's source must be an IRI or a resource with an IRI id").arg(what));
        }
        if (const Json::Node *selector = r.get(u"selector")) {
            selectors(*selector);
        }
    }
    void selectors(const Json::Node &s)
    {
        if (s.isArray()) {
            for (const Json::Node &item : s.items) {
                selectors(item);
            }
            return;
        }
        if (isIri(s)) {
            return;
        }
        const Json::Node *type = s.get(u"type");
        if (!type || !type->isString()) {
            fail(s, QStringLiteral("a selector needs a type"));
            return;
        }
        const QString t = type->string;
        if (t == u"FragmentSelector" || t == u"CssSelector" || t == u"XPathSelector" || t == u"SvgSelector") {
            const Json::Node *value = s.get(u"value");
            if ((!value || !value->isString()) && !(t == u"SvgSelector" && s.get(u"id"))) {
                fail(value ? *value : s, QStringLiteral("a %1 needs one string value").arg(t));
            }
        } else if (t == u"TextQuoteSelector") {
            const Json::Node *exact = s.get(u"exact");
            if (!exact || !exact->isString()) {
                fail(exact ? *exact : s, QStringLiteral("a TextQuoteSelector needs an exact string"));
            }
            for (const char *key : {"prefix", "suffix"}) {
                if (const Json::Node *v = s.get(QLatin1String(key)); v && !v->isString()) {
                    fail(*v, QStringLiteral("%1 must be a string").arg(QLatin1String(key)));
                }
            }
        } else if (t == u"TextPositionSelector" || t == u"DataPositionSelector") {
            for (const char *key : {"start", "end"}) {
                const Json::Node *v = s.get(QLatin1String(key));
                if (!v || !v->toInteger() || *v->toInteger() < 0) {
                    fail(v ? *v : s,
                         QStringLiteral("a %1 needs a whole-number %2 of 0 or more").arg(t, QLatin1String(key)));
                }
            }
        }
        if (const Json::Node *refined = s.get(u"refinedBy")) {
            selectors(*refined);
        }
    }

    const Json::Source &m_source;
    Diagnostics &m_diagnostics;
    int m_errors = 0;
};

// The annotations of a file: one annotation, a list, an AnnotationPage or an AnnotationCollection
// with its first page embedded.
std::vector<std::pair<const Json::Node *, bool>> annotationsOf(const Json::Node &root, const Json::Source &source,
                                                               Diagnostics &diagnostics)
{
    std::vector<std::pair<const Json::Node *, bool>> out;
    if (root.isArray()) {
        for (const Json::Node &item : root.items) {
            out.emplace_back(&item, false);
        }
        return out;
    }
    const Json::Node *type = root.get(u"type");
    const Json::Node *page = &root;
    if (hasType(type, u"AnnotationCollection")) {
        page = root.get(u"first");
        if (!page || !page->isObject()) {
            diagnostics.append(source.at(root.offset,
                                         QStringLiteral("an AnnotationCollection whose first page is not "
                                                        "embedded: pages by reference are not fetched, "
                                                        "nothing imported"),
                                         Diagnostic::Severity::Warning));
            return out;
        }
    }
    if (page != &root || hasType(type, u"AnnotationPage")) {
        for (const Json::Node *p = page; p;) {
            if (const Json::Node *items = p->get(u"items"); items && items->isArray()) {
                for (const Json::Node &item : items->items) {
                    out.emplace_back(&item, true);
                }
            }
            const Json::Node *next = p->get(u"next");
            p = next && next->isObject() ? next : nullptr;
        }
        return out;
    }
    out.emplace_back(&root, false);
    return out;
}

QString sourceIri(const Json::Node &target)
{
    const Json::Node *source = target.get(u"source");
    if (!source) {
        return QString();
    }
    if (source->isString()) {
        return source->string;
    }
    const Json::Node *id = source->get(u"id");
    return id && id->isString() ? id->string : QString();
}

// The local file a target's source names: a file: URL, or the resource's label beside the file.
// Either must lie in the annotation file's folder (issue 14): `why` says why not.
QString resolveDocument(const Json::Node &target, const QString &annotationFile, QString &why)
{
    const QString iri = sourceIri(target);
    const QString folder = QFileInfo(annotationFile).path();
    if (iri.startsWith(u"file:")) {
        const QString local = QUrl(iri).toLocalFile();
        return FilePolicy::confined(folder, QDir(folder).relativeFilePath(local), &why).value_or(QString());
    }
    const Json::Node *source = target.get(u"source");
    if (source && source->isObject()) {
        if (const Json::Node *label = source->get(u"label"); label && label->isString()) {
            const auto path = FilePolicy::confined(folder, label->string, &why);
            if (path && QFileInfo::exists(*path)) {
                return *path;
            }
        }
    }
    return QString();
}

// A span's or relation's id from an annotation IRI: urn:scholiast:<document>:<id> gives back
// the id Scholiast wrote; any other IRI is the id.
QString idFromIri(const QString &iri)
{
    return iri.startsWith(u"urn:scholiast:") ? QUrl::fromPercentEncoding(iri.section(u':', -1).toUtf8()) : iri;
}

// A target that names another annotation: an IRI, or an object with an id and neither source
// nor selector (as the Recogito relations plugin writes them). Empty otherwise.
QString annotationIri(const Json::Node &target)
{
    if (target.isString()) {
        return target.string;
    }
    const Json::Node *id =
        target.isObject() && !target.get(u"source") && !target.get(u"selector") ? target.get(u"id") : nullptr;
    return id && id->isString() ? id->string : QString();
}

} // namespace

std::optional<ReadResult> read(const QString &path, const ReadOptions &options, Diagnostics &diagnostics)
{
    const qsizetype before = diagnostics.size();
    const auto input = readJson(path, JsonInput::Layout::Document, diagnostics);
    if (!input) {
        return std::nullopt;
    }
    const Json::Source &source = input->source;
    const Json::Node *root = &input->records.front();
    const auto annotations = annotationsOf(*root, source, diagnostics);
    Checker checker(source, diagnostics);
    for (const auto &[annotation, inCollection] : annotations) {
        checker.annotation(*annotation, inCollection);
    }
    if (hasErrorsSince(diagnostics, before)) {
        return std::nullopt;
    }
    ReadState state;
    std::map<QString, int> documents; // path -> item
    qint64 notText = 0;
    std::vector<Relation> relations; // linking annotations, between annotation ids
    const auto error = [&](const Json::Node &at, const QString &message) {
        diagnostics.append(input->at(at, message));
    };
    for (const auto &[annotation, inCollection] : annotations) {
        Q_UNUSED(inCollection)
        // Label and note from the bodies: tagging/classifying bodies name the label, commenting ones are notes.
        QString label;
        QStringList notes;
        const auto readBody = [&](const Json::Node &body) {
            const Json::Node *value = body.get(u"value");
            if (!value || !value->isString()) {
                return;
            }
            const Json::Node *purpose = body.get(u"purpose");
            const bool comment = hasType(purpose, u"commenting") || hasType(purpose, u"describing");
            if (comment) {
                notes << value->string;
            } else if (label.isEmpty()) {
                label = value->string;
            }
        };
        if (const Json::Node *body = annotation->get(u"body")) {
            if (body->isArray()) {
                for (const Json::Node &b : body->items) {
                    readBody(b);
                }
            } else {
                readBody(*body);
            }
        }
        if (const Json::Node *bodyValue = annotation->get(u"bodyValue")) {
            label = bodyValue->string;
        }
        const Json::Node *motivation = annotation->get(u"motivation");
        const Json::Node *targetNode = annotation->get(u"target");
        std::vector<const Json::Node *> targets;
        if (targetNode->isArray()) {
            for (const Json::Node &t : targetNode->items) {
                targets.push_back(&t);
            }
        } else {
            targets.push_back(targetNode);
        }
        // Linking two annotations: a relation from the first target to the second (docs/FORMAT.md §16).
        if (hasType(motivation, u"linking") && targets.size() == 2 && !annotationIri(*targets[0]).isEmpty()
            && !annotationIri(*targets[1]).isEmpty()) {
            const Json::Node *id = annotation->get(u"id");
            relations.push_back({id && id->isString() ? idFromIri(id->string) : QString(),
                                 label.isEmpty() ? QStringLiteral("relation") : label,
                                 idFromIri(annotationIri(*targets[0])), idFromIri(annotationIri(*targets[1]))});
            continue;
        }
        if (label.isEmpty()) {
            label = motivation && motivation->isString() ? motivation->string : QStringLiteral("annotation");
        }
        // The text targets, each a range of a document.
        struct TextTarget
        {
            const Json::Node *target;
            QString documentPath;
            const Json::Node *position;
            const Json::Node *quote;
        };
        std::vector<TextTarget> textTargets;
        for (const Json::Node *target : targets) {
            const Json::Node *selectorNode = target->isObject() ? target->get(u"selector") : nullptr;
            const Json::Node *position = nullptr;
            const Json::Node *quote = nullptr;
            if (selectorNode) {
                const auto consider = [&](const Json::Node &s) {
                    const Json::Node *type = s.get(u"type");
                    if (hasType(type, u"TextPositionSelector")) {
                        position = &s;
                    } else if (hasType(type, u"TextQuoteSelector")) {
                        quote = &s;
                    }
                };
                if (selectorNode->isArray()) {
                    for (const Json::Node &s : selectorNode->items) {
                        consider(s);
                    }
                } else {
                    consider(*selectorNode);
                }
            }
            if (!position && !quote) {
                ++notText;
                continue;
            }
            QString why;
            QString documentPath =
                options.documentPath.isEmpty() ? resolveDocument(*target, path, why) : options.documentPath;
            if (documentPath.isEmpty() && !why.isEmpty()) {
                error(*target,
                      QStringLiteral("target source \"%1\" is not read: %2; give the document with --document")
                          .arg(sourceIri(*target), why));
                continue;
            }
            if (documentPath.isEmpty()) {
                error(*target,
                      QStringLiteral("target source \"%1\" is not a local file: give the document with --document")
                          .arg(sourceIri(*target)));
                continue;
            }
            textTargets.push_back({target, documentPath, position, quote});
        }
        // Several ranges of one document, each placed by its position: one discontinuous span,
        // its text the quotes joined by a space (docs/FORMAT.md §6.9, §16).
        const bool pieces =
            textTargets.size() > 1 && std::all_of(textTargets.cbegin(), textTargets.cend(), [&](const TextTarget &t) {
                return t.position && t.documentPath == textTargets.front().documentPath;
            });
        for (const TextTarget &t : textTargets) {
            auto found = documents.find(t.documentPath);
            if (found == documents.end()) {
                auto document = Document::load(t.documentPath, diagnostics);
                if (!document) {
                    continue;
                }
                Item item;
                item.name = document->fileName();
                item.document = *document;
                item.documentPath = t.documentPath;
                found = documents.emplace(t.documentPath, state.add(std::move(item))).first;
            }
            if (pieces && &t != &textTargets.front()) {
                RawSpan &raw = state.raw.back();
                raw.ranges.emplace_back(*t.position->get(u"start")->toInteger(), *t.position->get(u"end")->toInteger());
                if (raw.text && t.quote) {
                    *raw.text += raw.joiner + t.quote->get(u"exact")->string;
                } else {
                    raw.text.reset();
                }
                continue;
            }
            RawSpan raw;
            raw.item = found->second;
            raw.converter = &state.converters[size_t(found->second)];
            raw.span.label = label;
            raw.place = placeOf(source, *annotation);
            if (const Json::Node *id = annotation->get(u"id"); id && id->isString()) {
                raw.span.id = idFromIri(id->string);
            }
            if (!notes.isEmpty()) {
                raw.span.setNote(notes.join(u'\n'));
            }
            if (const Json::Node *creator = annotation->get(u"creator")) {
                const Json::Node *agent =
                    creator->isArray() && !creator->items.empty() ? &creator->items.front() : creator;
                if (const Json::Node *name = agent->get(u"name"); name && name->isString()) {
                    raw.span.setAnnotator(name->string);
                } else if (agent->isString()) {
                    raw.span.setAnnotator(agent->string);
                }
            }
            for (const char *key : {"created", "modified"}) {
                if (const Json::Node *time = annotation->get(QLatin1String(key))) {
                    const QDateTime when = QDateTime::fromString(time->string, Qt::ISODateWithMs);
                    if (when.isValid()) {
                        qstrcmp(key, "created") == 0 ? raw.span.setCreated(when.toUTC())
                                                     : raw.span.setModified(when.toUTC());
                    }
                }
            }
            raw.what = QStringLiteral("annotation %1")
                           .arg(raw.span.id.isEmpty() ? QStringLiteral("#%1").arg(state.raw.size() + 1) : raw.span.id);
            if (t.position) {
                raw.ranges.emplace_back(*t.position->get(u"start")->toInteger(), *t.position->get(u"end")->toInteger());
            }
            if (t.quote) {
                raw.text = t.quote->get(u"exact")->string;
                if (!pieces) {
                    // The quote checks the position's unit; when no unit places the position (or there
                    // is none), it anchors the annotation by itself, prefix and suffix (placeSpans).
                    raw.quoteFallback = true;
                    if (const Json::Node *prefix = t.quote->get(u"prefix"); prefix && prefix->isString()) {
                        raw.prefix = prefix->string;
                    }
                    if (const Json::Node *suffix = t.quote->get(u"suffix"); suffix && suffix->isString()) {
                        raw.suffix = suffix->string;
                    }
                }
            }
            state.raw.push_back(std::move(raw));
        }
    }
    if (hasErrorsSince(diagnostics, before)) {
        return std::nullopt;
    }
    if (notText
        && !reportLoss(diagnostics, path, options.strict,
                       QStringLiteral("%1 targets have no TextPositionSelector or TextQuoteSelector (whole "
                                      "resources, fragments, XPath or CSS selectors): not text spans, not imported")
                           .arg(notText))) {
        return std::nullopt;
    }
    // W3C positions count code points; other units are detected from the quotes and reported.
    // Browser clients count UTF-16 units over the DOM text, where a CRLF has become LF.
    auto result = state.finish({OffsetUnit::CodePoints, OffsetUnit::Utf16Units, OffsetUnit::Utf16Lf,
                                OffsetUnit::Utf8Bytes, OffsetUnit::Graphemes, OffsetUnit::CrlfCollapsed},
                               options, path, FormatName, diagnostics, UnitPolicy{true, std::nullopt});
    if (!result || relations.empty()) {
        return result;
    }
    // Each relation goes to the document whose spans it joins; one joining annotations that were
    // not imported as spans of one document is said and left out (--strict: an error).
    QHash<QString, int> itemOfSpan;
    for (int i = 0; i < int(result->items.size()); ++i) {
        for (const Annotation &a : std::as_const(result->items[i].spans)) {
            itemOfSpan.insert(a.id, i);
        }
    }
    qint64 leftOut = 0;
    for (const Relation &relation : relations) {
        const int from = itemOfSpan.value(relation.from, -1);
        if (from < 0 || from != itemOfSpan.value(relation.to, -1)) {
            ++leftOut;
            continue;
        }
        addRelation(result->items[from], relation);
    }
    if (leftOut > 0
        && !reportLoss(diagnostics, path, options.strict,
                       QStringLiteral("%1 linking annotations join annotations that were not imported as spans of "
                                      "one document: left out")
                           .arg(leftOut))) {
        return std::nullopt;
    }
    return result;
}

std::optional<QByteArray> serialize(const QList<Item> &givenItems, const WriteOptions &options,
                                    Diagnostics &diagnostics)
{
    using namespace Json;
    Stream alone; // the whole output in this one call
    Stream &stream = options.stream ? *options.stream : alone;
    const QList<Item> &items = givenItems;
    stream.losses.addDroppedFields(items,
                                   {QStringLiteral("note"), QStringLiteral("annotator"), QStringLiteral("created"),
                                    QStringLiteral("modified"), QStringLiteral("relations")},
                                   QStringLiteral("W3C Web Annotation"));
    // Code points by default, as the model requires; `--offsets utf16` / `utf16-lf` for browser clients.
    const OffsetUnit unit = options.offsets.value_or(OffsetUnit::CodePoints);
    qint64 widened = 0;
    qint64 narrowed = 0;
    qint64 unwrittenRelations = 0;
    QByteArray out;
    if (stream.first) {
        out = "{\"@context\": \"http://www.w3.org/ns/anno.jsonld\", \"type\": \"AnnotationCollection\", \"label\": ";
        appendString(out, QStringLiteral("Scholiast annotations"));
        out.append(",\n \"first\": {\"type\": \"AnnotationPage\", \"startIndex\": 0, \"items\": [");
    }
    bool first = stream.recordsBefore == 0;
    for (const Item &item : items) {
        const Document &doc = item.document;
        const OffsetConverter converter(doc);
        const QString documentIri = QStringLiteral("urn:sha256:") + doc.sha256();
        const QByteArray nameKey = QUrl::toPercentEncoding(item.name);
        const auto iriOf = [&nameKey](const QString &id) {
            return QString(QStringLiteral("urn:scholiast:") + QString::fromLatin1(nameKey) + u':'
                           + QString::fromLatin1(QUrl::toPercentEncoding(id)));
        };
        // One target: the document and the selectors of the code points [from, to).
        const auto writeTarget = [&](qint64 from, qint64 to) {
            out.append("{\"source\": {\"id\": ");
            appendString(out, documentIri);
            out.append(", \"type\": \"Text\", \"format\": \"text/plain\", \"label\": ");
            appendString(out, item.name);
            // A span edge between CR and LF has no place in the LF text: it moves to the line break's edge.
            const qint64 start = converter.fromCodePointRounded(unit, from, false);
            const qint64 end = converter.fromCodePointRounded(unit, to, true);
            const qint64 cpStart = *converter.toCodePoint(unit, start);
            const qint64 cpEnd = *converter.toCodePoint(unit, end);
            if (cpStart != from || cpEnd != to) {
                ++(cpEnd - cpStart >= to - from ? widened : narrowed);
            }
            // The context never cuts a grapheme cluster (the model's SHOULD) and holds at most
            // ContextLength UTF-16 code units, the most dom-anchor-text-quote's bitap search takes.
            const QString &whole = doc.text();
            qsizetype before =
                std::max<qsizetype>(0, doc.toUtf16(CodePoint(cpStart)).value - Annotation::ContextLength);
            if (before < whole.size() && whole.at(before).isLowSurrogate()) {
                ++before;
            }
            qsizetype after =
                std::min<qsizetype>(whole.size(), doc.toUtf16(CodePoint(cpEnd)).value + Annotation::ContextLength);
            if (after < whole.size() && whole.at(after).isLowSurrogate()) {
                --after;
            }
            const qint64 prefixStart = std::min(
                cpStart,
                *converter.toCodePoint(OffsetUnit::Graphemes,
                                       converter.fromCodePointRounded(
                                           OffsetUnit::Graphemes, doc.toCodePoint(Utf16Index(before)).value, true)));
            const qint64 suffixEnd = std::max(
                cpEnd,
                *converter.toCodePoint(OffsetUnit::Graphemes,
                                       converter.fromCodePointRounded(
                                           OffsetUnit::Graphemes, doc.toCodePoint(Utf16Index(after)).value, false)));
            out.append("}, \"selector\": [{\"type\": \"TextPositionSelector\", \"start\": ");
            out.append(QByteArray::number(start));
            appendKey(out, "end");
            out.append(QByteArray::number(end));
            out.append("}, {\"type\": \"TextQuoteSelector\", \"exact\": ");
            appendString(out, textAs(doc, unit, cpStart, cpEnd));
            appendKey(out, "prefix");
            appendString(out, textAs(doc, unit, prefixStart, cpStart));
            appendKey(out, "suffix");
            appendString(out, textAs(doc, unit, cpEnd, suffixEnd));
            out.append("}]}");
        };
        for (const Annotation *a : sortedInFileOrder(item.spans)) {
            out.append(first ? "\n  {\"@context\": " : ",\n  {\"@context\": ");
            first = false;
            ++stream.recordsBefore;
            appendString(out, Context);
            appendKey(out, "id");
            appendString(out, iriOf(a->id));
            out.append(
                ", \"type\": \"Annotation\", \"motivation\": \"tagging\", \"body\": [{\"type\": \"TextualBody\", "
                "\"purpose\": \"tagging\", \"value\": ");
            appendString(out, a->label);
            out.append('}');
            if (a->hasDetails() && !a->note().isEmpty()) {
                out.append(", {\"type\": \"TextualBody\", \"purpose\": \"commenting\", \"value\": ");
                appendString(out, a->note());
                out.append('}');
            }
            out.append("], \"target\": ");
            // A discontinuous span: one target per fragment, each with its own selectors (§16).
            const QList<Fragment> pieces =
                a->isDiscontinuous() ? a->fragments() : QList<Fragment>{Fragment{a->start, a->end}};
            out.append(pieces.size() > 1 ? "[" : "");
            for (qsizetype i = 0; i < pieces.size(); ++i) {
                out.append(i > 0 ? ", " : "");
                writeTarget(pieces[i].start.value, pieces[i].end.value);
            }
            out.append(pieces.size() > 1 ? "]" : "");
            if (a->hasDetails()) {
                if (!a->annotator().isEmpty()) {
                    out.append(", \"creator\": {\"type\": \"Person\", \"name\": ");
                    appendString(out, a->annotator());
                    out.append('}');
                }
                const auto time = [&out](const auto &key, const QDateTime &value) {
                    if (value.isValid()) {
                        appendKey(out, key);
                        appendString(out, SpanFields::timeToIso(value));
                    }
                };
                time("created", a->created());
                time("modified", a->modified());
            }
            out.append('}');
        }
        // Relations: linking annotations whose targets are the two span annotations, from first
        // (as the Recogito relations plugin writes them; §16).
        if (!item.relations.isEmpty()) {
            QSet<QString> written;
            for (const Annotation &a : item.spans) {
                written.insert(a.id);
            }
            for (const Relation &relation : item.relations) {
                if (!written.contains(relation.from) || !written.contains(relation.to)) {
                    ++unwrittenRelations; // an end not exported (its status, say)
                    continue;
                }
                out.append(first ? "\n  {\"@context\": " : ",\n  {\"@context\": ");
                first = false;
                ++stream.recordsBefore;
                appendString(out, Context);
                appendKey(out, "id");
                appendString(out, iriOf(relation.id));
                out.append(", \"type\": \"Annotation\", \"motivation\": \"linking\", \"body\": [{\"type\": "
                           "\"TextualBody\", \"purpose\": \"tagging\", \"value\": ");
                appendString(out, relation.label);
                out.append("}], \"target\": [");
                appendString(out, iriOf(relation.from));
                out.append(", ");
                appendString(out, iriOf(relation.to));
                out.append("]}");
            }
        }
    }
    if (stream.last) {
        // The count at the end (key order is free in JSON): a corpus written in parts knows it only now.
        out.append("\n ]},\n \"total\": " + QByteArray::number(stream.recordsBefore) + "}\n");
    }
    stream.losses.add(QString(), unwrittenRelations, [](qint64 n) {
        return QStringLiteral("%1 relations join a span that is not written: not written").arg(n);
    });
    const QString unitName = OffsetUnits::description(unit);
    stream.losses.add(QString(), widened, [unitName](qint64 n) {
        return QStringLiteral("%1 spans start or end between the CR and LF of a CRLF, which %2 counts as one line "
                              "break: widened to the whole line break")
            .arg(n)
            .arg(unitName);
    });
    stream.losses.add(QString(), narrowed, [unitName](qint64 n) {
        return QStringLiteral("%1 spans start or end between the CR and LF of a CRLF, which %2 counts as one line "
                              "break: narrowed to leave the line break out")
            .arg(n)
            .arg(unitName);
    });
    return finishWrite(std::move(out), stream, options, diagnostics);
}

} // namespace Scholiast::WebAnnotation
