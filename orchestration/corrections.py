"""The corrections file's rules and location, as the build and `entente review` read them."""

import csv
import os
from datetime import date
from functools import cache
from pathlib import Path

from orchestration.checks import EARLIEST_YEAR, YEARS_AHEAD
from orchestration.settings import CORRECTIONS, DBT_PROJECT_DIR
from transforms.corrections import CorrectionRules
from transforms.nlp import lexicon


@cache
def correction_rules() -> CorrectionRules:
    """ISO3 codes of dim_country's seed, the subtypes of events.md (the extractor's lexicon), the years the checks accept."""
    with (DBT_PROJECT_DIR / "seeds" / "country_codes.csv").open(encoding="utf-8", newline="") as file:
        countries = frozenset(row["iso3"] for row in csv.DictReader(file))
    subtypes = frozenset(subtype for by_type in lexicon()["subtypes"].values() for subtype, _ in by_type)
    return CorrectionRules(countries, subtypes, range(EARLIEST_YEAR, date.today().year + YEARS_AHEAD + 1))


def corrections_path() -> Path | None:
    """ENTENTE_CORRECTIONS, or None when it is set empty."""
    return Path(os.environ[CORRECTIONS]) if os.environ.get(CORRECTIONS) else None
