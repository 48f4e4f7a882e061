"""Tests of transforms/ingest/cleaning.py (with paragraphs.py): the article body without the page's chrome,
comments and link lists, and its headline."""

from ingest_samples import ARTICLE_TEXT, BODY
from transforms.ingest import clean_text, split_title


def test_clean_text_drops_trailing_comments_and_link_lists():
    scrape = "\n\n".join(
        [
            *BODY,
            "Share this article:  Facebook | Twitter | Email",
            "Related coverage",
            "- Navy chief visits the northern fleet",
            "- Budget talks stall again",
            "Reader Comments (2)",
            "jon_d: About time the two navies trained together.",
            "Mara K.: Hope this brings some stability to the region and to the fishing towns on the coast, which have suffered for years from the dispute.",
            "Leave a Comment",
        ]
    )
    assert clean_text(scrape) == ARTICLE_TEXT


def test_clean_text_drops_comments_written_as_name_then_text():
    comment = "I think this is a very welcome step for both countries and I hope the politicians keep their word this time, unlike the last time they promised to cooperate."
    scrape = "\n".join([*BODY, "Comments", "A", "Alex P", comment, "B", "Bea R", comment + " Really."])
    assert clean_text(scrape) == ARTICLE_TEXT


def test_clean_text_keeps_article_after_a_navigation_list_at_the_top():
    scrape = "\n".join(["Trending", "- Weather warning for the coast", "- Markets close higher", *BODY])
    assert clean_text(scrape) == ARTICLE_TEXT


def test_clean_text_keeps_article_after_an_inline_read_more_box():
    scrape = "\n\n".join([BODY[0], BODY[1], "Read more", "- An unrelated headline", BODY[2], BODY[3]])
    assert clean_text(scrape) == ARTICLE_TEXT


def test_clean_text_drops_chrome_lines():
    scrape = "\n".join(
        ["3 min read", BODY[0], "|", "READ MORE: Another headline entirely", BODY[1], "[Facebook] [X] [Copy link]", BODY[2], "Photo: Reuters", BODY[3], "Tags: navy, defence"]
    )
    assert clean_text(scrape) == ARTICLE_TEXT


def test_clean_text_keeps_photo_captions_with_a_credit():
    caption = "The two ministers review a guard of honour in the capital. Photo: Agency"
    assert caption in clean_text("\n".join([BODY[0], caption, BODY[1]]))


def test_clean_text_keeps_first_of_repeated_paragraphs():
    scrape = "\n\n".join([BODY[0], BODY[1], "Background", BODY[0], BODY[1], "Background", BODY[2]])
    assert clean_text(scrape) == "\n\n".join([BODY[0], BODY[1], "Background", BODY[2]])


def test_clean_text_joins_hard_wrapped_lines_but_not_lists():
    wrapped = (
        "The defence ministers of Freedonia and Sylvania met in the\n"
        "capital on Tuesday and agreed to hold a joint naval exercise\n"
        "later this year, officials said in a statement."
    )
    assert clean_text(wrapped) == " ".join(wrapped.split("\n"))
    bullets = "Key points:\n- first point here\n- second point here\n- third point here"
    assert clean_text(bullets).split("\n\n") == bullets.split("\n")


def test_split_title_takes_a_headline_but_not_a_sentence():
    title, body = split_title("May 08, 2019 / 19:01\n\nNavies hold first joint drill\n\n" + ARTICLE_TEXT)
    assert title == "Navies hold first joint drill"
    assert body == "May 08, 2019 / 19:01\n\n" + ARTICLE_TEXT
    assert split_title(ARTICLE_TEXT) == (None, ARTICLE_TEXT)
