from tests.factories import numbered_updates, publish


def test_publish_and_read(blog, client):
    publish(blog, numbered_updates(3))
    response = client.get(blog.url)
    assert response.status_code == 200
    assert b"Update 3" in response.content
