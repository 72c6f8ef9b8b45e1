"""Steps shared by the sales journeys: the catalog arranged through the API with the admin's
credentials, and the quote editor's rows."""
import datetime

from conftest import ADMIN, api
from pipeline_steps import unique

STANDARD_TAX = "7a000000-0000-4000-8000-000000000001"
REDUCED_TAX = "7a000000-0000-4000-8000-000000000002"


def admin_token(server):
    return api(server, "POST", "/auth/tokens", {"email": ADMIN["email"], "password": ADMIN["password"]})["token"]


def today():
    return datetime.date.today().isoformat()


def create_product(server, token, name, price, tax=STANDARD_TAX, serial=None):
    body = {"sku": unique("SKU").replace(" ", "-"), "name": name, "unitPrice": price, "currency": "EUR", "taxRateId": tax}
    if serial:
        body.update({"serialized": True, "serialNumber": serial})
    return api(server, "POST", "/products", body, token)


def create_price_list(server, token, name, prices, valid_from="2020-01-01", valid_to=None):
    """`prices` maps product ids to unit prices."""
    body = {"name": name, "currency": "EUR", "validFrom": valid_from,
            "items": [{"productId": product, "unitPrice": price} for product, price in prices.items()]}
    if valid_to:
        body["validTo"] = valid_to
    return api(server, "POST", "/price-lists", body, token)


def fill_line(page, index, product=None, description=None, quantity=None, price=None, discount=None, tax=None):
    """Fills row `index` of the quote editor; `product` and `tax` are option labels (a product's label starts with its name)."""
    if product:
        option = page.locator(f"#line-{index}-product option", has_text=product).first.get_attribute("value")
        page.select_option(f"#line-{index}-product", option)
    if description is not None:
        page.fill(f"#line-{index}-description", description)
    if quantity is not None:
        page.fill(f"#line-{index}-quantity", quantity)
    if price is not None:
        page.fill(f"#line-{index}-price", price)
    if discount is not None:
        page.fill(f"#line-{index}-discount", discount)
    if tax:
        page.select_option(f"#line-{index}-tax", label=tax)
