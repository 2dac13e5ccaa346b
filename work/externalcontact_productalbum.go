package work

import (
	"context"
	"iter"

	"github.com/wecomkit/wecom/internal/api"
)

// ProductAlbumService manages the corp's product album (商品图册), the
// products members send to customers.
type ProductAlbumService service

// Paths of the product album.
const (
	pathAddProductAlbum     = "/cgi-bin/externalcontact/add_product_album"
	pathGetProductAlbum     = "/cgi-bin/externalcontact/get_product_album"
	pathGetProductAlbumList = "/cgi-bin/externalcontact/get_product_album_list"
	pathUpdateProductAlbum  = "/cgi-bin/externalcontact/update_product_album"
	pathDeleteProductAlbum  = "/cgi-bin/externalcontact/delete_product_album"
)

// Product is a product of the album.
type Product struct {
	// ProductID is set by WeCom; leave it empty when adding.
	ProductID   string `json:"product_id,omitempty"`
	Description string `json:"description"`
	// Price is in fen (分).
	Price      int64  `json:"price"`
	ProductSN  string `json:"product_sn,omitempty"`
	CreateTime int64  `json:"create_time,omitempty"`
	// Attachments are the product's pictures (up to 9).
	Attachments []ProductAttachment `json:"attachments"`
}

// ProductAttachment is a picture of a product: Type is "image".
type ProductAttachment struct {
	Type  string           `json:"type"`
	Image *ImageAttachment `json:"image,omitempty"`
}

// NewProductImage returns a product picture by the media id of an
// uploaded image.
func NewProductImage(mediaID string) ProductAttachment {
	return ProductAttachment{Type: "image", Image: &ImageAttachment{MediaID: mediaID}}
}

// Add adds a product to the album and returns its id (add_product_album).
func (s *ProductAlbumService) Add(ctx context.Context, p *Product) (string, error) {
	if p == nil {
		return "", ErrNilRequest
	}
	in := *p
	in.ProductID, in.CreateTime = "", 0
	var out struct {
		ProductID looseString `json:"product_id"`
	}
	if err := (*service)(s).post(ctx, pathAddProductAlbum, in, lenient(&out), api.Unsafe); err != nil {
		return "", err
	}
	return string(out.ProductID), nil
}

// Get returns a product of the album (get_product_album).
func (s *ProductAlbumService) Get(ctx context.Context, productID string) (*Product, error) {
	in := struct {
		ProductID string `json:"product_id"`
	}{productID}
	var out struct {
		Product Product `json:"product"`
	}
	if err := (*service)(s).post(ctx, pathGetProductAlbum, in, lenient(&out), api.Idempotent); err != nil {
		return nil, err
	}
	return &out.Product, nil
}

// ProductPage is a page of get_product_album_list.
type ProductPage struct {
	Products   []Product `json:"product_list"`
	NextCursor string    `json:"next_cursor"`
}

func (p *ProductPage) page() ([]Product, string) { return p.Products, p.NextCursor }

// CursorPageRequest asks for one page of a cursor-paginated list.
type CursorPageRequest struct {
	// Limit is the page size; 0 lets WeCom use its default.
	Limit  int    `json:"limit,omitempty"`
	Cursor string `json:"cursor,omitempty"`
}

// List returns a page of the album (get_product_album_list).
func (s *ProductAlbumService) List(ctx context.Context, req CursorPageRequest) (*ProductPage, error) {
	return postAs[ProductPage](ctx, (*service)(s), pathGetProductAlbumList, req, api.Idempotent)
}

// All yields every product of the album, following the cursor; limit is
// the page size (0: WeCom's default).
func (s *ProductAlbumService) All(ctx context.Context, limit int) iter.Seq2[Product, error] {
	return walkPages(ctx, func(ctx context.Context, cursor string) (*ProductPage, error) {
		return s.List(ctx, CursorPageRequest{Limit: limit, Cursor: cursor})
	})
}

// Update changes a product of the album (update_product_album); p.ProductID
// names it, its other set fields replace the product's.
func (s *ProductAlbumService) Update(ctx context.Context, p *Product) error {
	if p == nil {
		return ErrNilRequest
	}
	in := struct {
		ProductID   string              `json:"product_id"`
		Description string              `json:"description,omitempty"`
		Price       int64               `json:"price,omitempty"`
		ProductSN   string              `json:"product_sn,omitempty"`
		Attachments []ProductAttachment `json:"attachments,omitempty"`
	}{p.ProductID, p.Description, p.Price, p.ProductSN, p.Attachments}
	return (*service)(s).post(ctx, pathUpdateProductAlbum, in, nil, api.Idempotent)
}

// Delete deletes a product of the album (delete_product_album).
func (s *ProductAlbumService) Delete(ctx context.Context, productID string) error {
	in := struct {
		ProductID string `json:"product_id"`
	}{productID}
	return (*service)(s).post(ctx, pathDeleteProductAlbum, in, nil, api.Idempotent)
}
