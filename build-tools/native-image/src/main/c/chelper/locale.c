/*
 * The default locale of the image (user.language, user.country … and their display/format variants), read from the
 * POSIX locale of the environment: LC_MESSAGES for display, LC_CTYPE for format. A locale name has the form
 * language[_COUNTRY][.encoding][@modifier]; "C" and "POSIX" mean en_US, and "C.UTF-8" English, as for the JDK.
 */
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "svm_cinterface.h"

static svm_locale_props_t props;

/* Modifiers that name a script rather than a variant. */
static const char *script_of(const char *modifier) {
    if (strcmp(modifier, "latin") == 0) return "Latn";
    if (strcmp(modifier, "cyrillic") == 0) return "Cyrl";
    if (strcmp(modifier, "devanagari") == 0) return "Deva";
    if (strcmp(modifier, "iqtelif") == 0) return "Latn";
    return NULL;
}

/* Old ISO 639 codes the JDK keeps using for compatibility are left as they are; only case is normalised. */
static int parse(int category, char **language, char **script, char **country, char **variant) {
    const char *name = setlocale(category, NULL);
    if (name == NULL || strcmp(name, "C") == 0 || strcmp(name, "POSIX") == 0) {
        name = "en_US";
    }
    char *copy = strdup(name);
    if (copy == NULL) {
        return -1;
    }
    char *modifier = strchr(copy, '@');
    if (modifier != NULL) {
        *modifier++ = '\0';
    }
    char *encoding = strchr(copy, '.');
    if (encoding != NULL) {
        *encoding = '\0';
    }
    char *region = strchr(copy, '_');
    if (region != NULL) {
        *region++ = '\0';
    }
    for (char *p = copy; *p; p++) {
        if (*p >= 'A' && *p <= 'Z') *p += 'a' - 'A';
    }
    /* "C.UTF-8" and the like name no language: the JDK reads them as English, without a country. */
    if (strcmp(copy, "c") == 0 || strcmp(copy, "posix") == 0) {
        strcpy(copy, "en");
    }
    if (region != NULL) {
        for (char *p = region; *p; p++) {
            if (*p >= 'a' && *p <= 'z') *p -= 'a' - 'A';
        }
    }
    *language = strdup(copy);
    *country = region != NULL ? strdup(region) : NULL;
    *script = NULL;
    *variant = NULL;
    if (modifier != NULL && strcmp(modifier, "euro") != 0) {
        const char *s = script_of(modifier);
        if (s != NULL) {
            *script = strdup(s);
        } else {
            *variant = strdup(modifier);
        }
    }
    free(copy);
    return *language == NULL ? -1 : 0;
}

int svm_initialize_locale(void) {
    setlocale(LC_ALL, "");
    if (parse(LC_CTYPE, &props.format_language, &props.format_script, &props.format_country, &props.format_variant) != 0
#ifdef LC_MESSAGES
            || parse(LC_MESSAGES, &props.display_language, &props.display_script, &props.display_country, &props.display_variant) != 0
#endif
    ) {
        return SVM_LOCALE_INITIALIZATION_OUT_OF_MEMORY;
    }
    return SVM_LOCALE_INITIALIZATION_SUCCEEDED;
}

svm_locale_props_t *svm_get_locale(void) {
    return &props;
}
