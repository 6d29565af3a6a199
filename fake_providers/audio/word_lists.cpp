#include "fake_providers/audio/word_lists.hpp"

#include <array>
#include <cctype>
#include <string>

namespace emu::fake {

namespace {

constexpr std::string_view english_words[] = {
    "the",       "meeting",  "project", "team",    "today",    "we",       "need",  "to",
    "review",    "budget",   "and",     "next",    "week",     "customer", "is",    "very",
    "happy",     "with",     "new",     "release", "please",   "send",     "me",    "report",
    "before",    "Friday",   "I",       "think",   "that",     "plan",     "works", "for",
    "everyone",  "our",      "sales",   "grew",    "last",     "quarter",  "can",   "you",
    "share",     "screen",   "let's",   "move",    "on",       "agenda",   "item",  "question",
    "about",     "timeline", "it",      "looks",   "good",     "a",        "few",   "issues",
    "remain",    "open",     "support", "tickets", "dropped",  "this",     "month", "thanks",
    "everybody", "joining",  "call",    "will",    "follow",   "up",       "by",    "email",
    "design",    "ready",    "testing", "starts",  "tomorrow", "morning",  "right", "yes",
    "okay",      "so",       "maybe",   "later",   "people",   "really",   "great", "idea",
    "work",      "at",       "home",    "office",  "in",       "of",       "data",  "feedback",
    "product"};

constexpr std::string_view english_profanities[] = {"damn", "hell", "crap", "bloody"};

constexpr std::string_view french_words[] = {
    "le",        "la",       "réunion",    "projet",    "équipe",   "aujourd'hui", "nous",
    "devons",    "revoir",   "budget",     "et",        "semaine",  "prochaine",   "client",
    "est",       "très",     "content",    "avec",      "nouvelle", "version",     "merci",
    "de",        "envoyer",  "rapport",    "avant",     "vendredi", "je",          "pense",
    "que",       "ce",       "plan",       "marche",    "pour",     "tout",        "monde",
    "nos",       "ventes",   "ont",        "augmenté",  "dernier",  "trimestre",   "pouvez",
    "vous",      "partager", "écran",      "passons",   "au",       "point",       "suivant",
    "question",  "sur",      "calendrier", "cela",      "semble",   "bien",        "quelques",
    "problèmes", "restent",  "ouverts",    "bonjour",   "à",        "tous",        "appel",
    "on",        "vais",     "répondre",   "par",       "courriel", "demain",      "matin",
    "oui",       "d'accord", "alors",      "peut-être", "plus",     "tard",        "vraiment",
    "bonne",     "idée",     "travail",    "maison",    "bureau",   "données",     "produit"};

constexpr std::string_view french_profanities[] = {"merde", "putain", "zut"};

constexpr std::string_view spanish_words[] = {
    "la",        "reunión",     "proyecto",  "equipo",   "hoy",       "necesitamos", "revisar",
    "el",        "presupuesto", "y",         "semana",   "próxima",   "cliente",     "está",
    "muy",       "contento",    "con",       "nueva",    "versión",   "por",         "favor",
    "envíame",   "informe",     "antes",     "del",      "viernes",   "creo",        "que",
    "este",      "plan",        "funciona",  "para",     "todos",     "nuestras",    "ventas",
    "crecieron", "último",      "trimestre", "puedes",   "compartir", "pantalla",    "pasemos",
    "al",        "siguiente",   "punto",     "pregunta", "sobre",     "calendario",  "parece",
    "bien",      "algunos",     "problemas", "siguen",   "abiertos",  "gracias",     "a",
    "llamada",   "voy",         "responder", "correo",   "mañana",    "sí",          "vale",
    "entonces",  "quizás",      "más",       "tarde",    "gente",     "realmente",   "buena",
    "idea",      "trabajo",     "casa",      "oficina",  "en",        "de",          "datos",
    "producto",  "tenemos",     "mucho",     "tiempo",   "ahora",     "bueno",       "claro"};

constexpr std::string_view spanish_profanities[] = {"mierda", "joder", "coño"};

constexpr std::string_view german_words[] = {
    "die",        "Besprechung", "Projekt",   "Team",         "heute",      "wir",     "müssen",
    "das",        "Budget",      "prüfen",    "und",          "nächste",    "Woche",   "Kunde",
    "ist",        "sehr",        "zufrieden", "mit",          "neuen",      "Version", "bitte",
    "schicken",   "Sie",         "mir",       "Bericht",      "vor",        "Freitag", "ich",
    "denke",      "dass",        "Plan",      "funktioniert", "für",        "alle",    "unsere",
    "Umsätze",    "sind",        "letzten",   "Quartal",      "gestiegen",  "können",  "teilen",
    "Bildschirm", "weiter",      "zum",       "Punkt",        "Frage",      "im",      "Zeitplan",
    "sieht",      "gut",         "aus",       "einige",       "Probleme",   "bleiben", "offen",
    "danke",      "Anruf",       "melde",     "mich",         "per",        "E-Mail",  "morgen",
    "früh",       "ja",          "okay",      "also",         "vielleicht", "später",  "Leute",
    "wirklich",   "gute",        "Idee",      "Arbeit",       "zu",         "Hause",   "Büro",
    "in",         "der",         "Daten",     "Produkt",      "jetzt",      "genau",   "richtig"};

constexpr std::string_view german_profanities[] = {"Mist", "Scheiße", "verdammt"};

constexpr std::array<language_words, 4> languages{{
    {"en", english_words, english_profanities},
    {"fr", french_words, french_profanities},
    {"es", spanish_words, spanish_profanities},
    {"de", german_words, german_profanities},
}};

} // namespace

const language_words& words_for_language(std::string_view language) {
    // Only the primary subtag matters: "fr-FR", "fr_CA" and "FR" all select French.
    std::string primary;
    for (char c : language.substr(0, language.find_first_of("-_"))) {
        primary.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
    }
    for (const auto& entry : languages) {
        if (entry.code == primary) {
            return entry;
        }
    }
    return languages.front();
}

} // namespace emu::fake
