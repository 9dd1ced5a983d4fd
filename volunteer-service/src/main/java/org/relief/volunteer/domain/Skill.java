package org.relief.volunteer.domain;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The fixed skill catalogue. Codes are hierarchical ("medical.nursing" is a kind of "medical"), so a volunteer with
 * a child skill also answers a request for its parent.
 */
public enum Skill {
    MEDICAL("medical", null, "Medical", "医疗"),
    NUCLEIC_ACID_SAMPLING("medical.nucleic-acid-sampling", MEDICAL, "Nucleic-acid sampling", "核酸采样"),
    NURSING("medical.nursing", MEDICAL, "Nursing", "护理"),
    DRIVING("driving", null, "Driving", "驾驶"),
    TRUCK_DRIVING("driving.truck", DRIVING, "Truck driving", "货车驾驶"),
    LOADING("loading", null, "Loading and unloading", "装卸"),
    PSYCHOLOGICAL_COUNSELLING("psychological-counselling", null, "Psychological counselling", "心理疏导"),
    ELDERLY_CARE("elderly-care", null, "Elderly care", "照护老人"),
    DISABILITY_SUPPORT("disability-support", null, "Disability support", "助残"),
    TRANSLATION("translation", null, "Translation", "翻译");

    private final String code;
    private final Skill parent;
    private final String en;
    private final String zh;

    Skill(String code, Skill parent, String en, String zh) {
        this.code = code;
        this.parent = parent;
        this.en = en;
        this.zh = zh;
    }

    public static Optional<Skill> of(String code) {
        return code == null
                ? Optional.empty()
                : Arrays.stream(values())
                        .filter(s -> s.code.equals(code.strip()))
                        .findFirst();
    }

    /** This skill, or one of its ancestors, is the required one. */
    public boolean satisfies(Skill required) {
        for (Skill s = this; s != null; s = s.parent) {
            if (s == required) {
                return true;
            }
        }
        return false;
    }

    public List<Skill> children() {
        return Arrays.stream(values()).filter(s -> s.parent == this).toList();
    }

    public static List<Skill> roots() {
        return Arrays.stream(values()).filter(s -> s.parent == null).toList();
    }

    public String code() {
        return code;
    }

    public Skill parent() {
        return parent;
    }

    public String en() {
        return en;
    }

    public String zh() {
        return zh;
    }
}
