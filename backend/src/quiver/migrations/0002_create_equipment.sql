-- Bows and arrow sets, owned by one archer each.
CREATE TABLE bow (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    archer_id uuid NOT NULL REFERENCES archer (id) ON DELETE CASCADE,
    name text NOT NULL,
    bowstyle text NOT NULL,
    draw_weight_lb double precision NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    -- Lets a slot reference a bow together with its owner, so it can only use its own.
    CONSTRAINT bow_archer_id_id_key UNIQUE (archer_id, id),
    CONSTRAINT bow_name_check
        CHECK (char_length(name) BETWEEN 1 AND 100 AND name ~ '[^[:space:]]'),
    CONSTRAINT bow_bowstyle_check
        CHECK (bowstyle IN ('recurve', 'compound', 'barebow', 'longbow')),
    CONSTRAINT bow_draw_weight_lb_check CHECK (draw_weight_lb > 0 AND draw_weight_lb <= 120)
);

CREATE TABLE arrow_set (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    archer_id uuid NOT NULL REFERENCES archer (id) ON DELETE CASCADE,
    name text NOT NULL,
    shaft_diameter_mm double precision NOT NULL,
    arrow_count integer NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT arrow_set_archer_id_id_key UNIQUE (archer_id, id),
    CONSTRAINT arrow_set_name_check
        CHECK (char_length(name) BETWEEN 1 AND 100 AND name ~ '[^[:space:]]'),
    CONSTRAINT arrow_set_shaft_diameter_mm_check CHECK (shaft_diameter_mm BETWEEN 2 AND 12),
    CONSTRAINT arrow_set_arrow_count_check CHECK (arrow_count BETWEEN 1 AND 99)
);
