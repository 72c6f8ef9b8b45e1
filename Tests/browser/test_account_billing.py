"""An account's billing details on its form and page: the billing address, a different shipping
address, the VAT number and the payment terms its invoices get; a bad VAT number is said by
its field."""
import uuid

from playwright.sync_api import expect


def test_billing_details_are_kept_and_shown(admin):
    page = admin
    name = "Billing " + uuid.uuid4().hex[:6]
    page.goto("/accounts/new")
    page.fill("#f-name", name)
    page.fill("#f-vatNumber", "DE#123")
    page.fill("[name='billingAddress.street']", "Hafenstraße 7")
    page.fill("[name='billingAddress.postcode']", "20457")
    page.fill("[name='billingAddress.city']", "Hamburg")
    page.fill("[name='billingAddress.country']", "Germany")
    page.select_option("#f-paymentTermId", label="Net 60 (60 days)")
    page.click("button.primary")
    expect(page.locator("[id='f-vatNumber-error']")).to_contain_text("letters, digits")
    expect(page.locator("[name='billingAddress.city']")).to_have_value("Hamburg")
    page.fill("#f-vatNumber", "de 123 456 789")
    page.fill("[name='shippingAddress.street']", "Lager 3, Kai 12")
    page.fill("[name='shippingAddress.city']", "Hamburg")
    page.click("button.primary")
    page.wait_for_url("**/accounts/*-*")
    details = page.locator("#details")
    expect(details).to_contain_text("Hafenstraße 7, 20457 Hamburg, Germany")
    expect(details).to_contain_text("Lager 3, Kai 12, Hamburg")
    expect(details).to_contain_text("DE 123 456 789")
    expect(details).to_contain_text("Net 60 (60 days)")
